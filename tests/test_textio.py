import pytest

from letopis.textio import InputError, check_text, decode_bytes


def test_utf8_and_bom():
    assert decode_bytes("Привет, мир".encode()) == "Привет, мир"
    assert decode_bytes("\ufeffПривет".encode()) == "Привет"


def test_cp1251_is_decoded():
    assert decode_bytes("Президент Казахстана".encode("cp1251")) == "Президент Казахстана"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\x00\x01\x02binary\x00", bytes(range(256)) * 4])
def test_bad_bytes_raise_clear_error(data):
    with pytest.raises(InputError):
        decode_bytes(data)


def test_crlf_normalised():
    assert check_text("а\r\nб\rв") == "а\nб\nв"


def test_whitespace_text_rejected():
    with pytest.raises(InputError, match="empty"):
        check_text(" \n ")
