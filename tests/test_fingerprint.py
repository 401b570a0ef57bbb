from newsarchive.fingerprint import content_hash, normalise_text


def test_spacing_and_invisible_characters_do_not_change_the_hash() -> None:
    plain = "内蒙古各地开展防汛演练。\n记者从自治区应急厅获悉。"
    noisy = "内蒙古各地开展防汛演练。\u200b\n\n  记者从自治区应急厅获悉。\u3000\u00a0"
    assert content_hash(plain) == content_hash(noisy)


def test_full_width_forms_fold() -> None:
    assert normalise_text("２０２３年") == "2023年"


def test_different_text_different_hash() -> None:
    assert content_hash("甲地新闻") != content_hash("乙地新闻")


def test_empty_body_has_no_hash() -> None:
    assert content_hash("") is None
    assert content_hash(" \n\u200b") is None
    assert content_hash(None) is None
