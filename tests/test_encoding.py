import pytest

from qualint.errors import InputError
from qualint.readers.encoding import decode

TEXT = "在校生2442人，比上年增加128人。"


@pytest.mark.parametrize("encoding,name", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"),
                                           ("gbk", "gb18030"), ("utf-16", "utf-16")])
def test_decodes(encoding, name):
    text, used = decode(TEXT.encode(encoding))
    assert text == TEXT and used == name


def test_utf16_without_bom():
    text, used = decode(TEXT.encode("utf-16-le"))
    assert text == TEXT and used == "utf-16-le"


def test_binary_is_an_error():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02PK\x03\x04" * 50)
