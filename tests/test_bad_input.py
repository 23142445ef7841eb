"""Bad input: one clear error naming the file, or an empty figure list with a warning; never a trace."""
import subprocess
import sys

import pytest

from evalqa import SheetError, load_sheet
from evalqa.cli import main

HEAD = "施策 I - 9 テスト施策\n\n令和3年度事前分析表\n\n（外務省3-I-9）\n\n"


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"\n\n  \n", "file is empty"),
    ("bom-only.txt", b"\xef\xbb\xbf", "file is empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary data"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF"),
    ("latin.txt", b"caf\xe9 \x81\x85 \x85\x85", "neither UTF-8 nor CP932"),
])
def test_unreadable_files_raise_one_clear_error(tmp_path, name, data, reason):
    p = write(tmp_path, name, data)
    with pytest.raises(SheetError) as e:
        load_sheet(p)
    assert str(p) in str(e.value) and reason in str(e.value)


def test_text_without_any_heading_is_indexed_as_text_only(tmp_path):
    """No document is turned away for its form: prose with no heading and no table is one searchable section."""
    p = write(tmp_path, "novel.txt", "吾輩は猫である。名前はまだ無い。\n\nどこで生れたかとんと見当がつかぬ。\n")
    s = load_sheet(p)
    assert (s.form, s.figures) == ("general", [])
    assert [sec.kind for sec in s.sections] == ["preamble"]
    assert s.sections[0].text == "吾輩は猫である。名前はまだ無い。\nどこで生れたかとんと見当がつかぬ。"
    assert any("text only: no tables recognised" in w for w in s.warnings)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SheetError, match="file not found"):
        load_sheet(tmp_path / "nope.txt")
    with pytest.raises(SheetError, match="is a directory"):
        load_sheet(tmp_path)


def test_sheet_without_tables_gives_empty_figures_and_warning(tmp_path):
    p = write(tmp_path, "prose.txt", HEAD + "測定指標 1-1 協力の進展 *\n\n中期目標（--年度）\n\n協力を進める。\n")
    s = load_sheet(p)
    assert s.figures == []
    assert any("no tables found" in w for w in s.warnings)
    assert s.section("測定指標1-1").children[0].text == "協力を進める。"


def test_truncated_table_warns_and_keeps_what_is_there(tmp_path):
    header = "\t中期目標値\t令和2年度\t\t令和3年度\n\t--年度\t年度目標値\t実績値\t年度目標値\n"
    p = write(tmp_path, "cut.txt", HEAD + "測定指標 1-1 会談数\n\n" + header)
    s = load_sheet(p)
    assert s.figures == []
    assert any("header but no values" in w for w in s.warnings)

    p = write(tmp_path, "cut2.txt", HEAD + "測定指標 1-1 会談数\n\n" + header + "\t—\t30\n")
    s = load_sheet(p)
    got = [(f.measure, f.fiscal_year, f.value) for f in s.figures]
    assert got == [("中期目標値", None, None), ("年度目標値", 2020, 30)]
    assert any("fewer cells" in w for w in s.warnings)


def test_cli_reports_bad_files_and_still_prints_good_ones(tmp_path, capsys):
    from conftest import SEED

    bad = write(tmp_path, "bad.txt", b"")
    rc = main(["figures", str(bad), str(SEED), "--json"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert f"evalqa: error: {bad}: file is empty" in err
    assert "Traceback" not in err
    assert len(out.splitlines()) == 117


def test_cli_bad_file_no_traceback(tmp_path):
    bad = write(tmp_path, "bin.txt", bytes(range(256)))
    r = subprocess.run([sys.executable, "-m", "evalqa", "figures", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stderr.strip() == f"evalqa: error: {bad}: is binary data, not sheet text"
