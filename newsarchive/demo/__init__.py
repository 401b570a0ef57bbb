"""The bundled offline demo: a small regional news web served on 127.0.0.1."""
