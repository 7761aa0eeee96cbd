from pathlib import Path

import dk_desktop.paths as paths


def test_portable_mode_keeps_data_beside_the_executable(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "executable_dir", lambda: tmp_path)
    assert not paths.is_portable()
    assert tmp_path not in paths.default_database_path().parents
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.default_database_path() == tmp_path / "du-lieu" / paths.DATABASE_FILE_NAME
    assert paths.log_path().parent == tmp_path / "du-lieu"
    (tmp_path / paths.PORTABLE_MARKER).unlink()
    assert paths.data_dir(portable=True) == tmp_path / "du-lieu"  # --portable


def test_resources_are_found_from_the_bundle_root():
    assert paths.seed_path().is_file()
    assert isinstance(paths.bundle_root(), Path)
    assert (paths.bundle_root() / "dk_desktop").is_dir()


def test_a_read_only_data_folder_is_told_in_words(tmp_path, read_only_copy):
    assert paths.cannot_write_reason(tmp_path, portable=True) is None
    assert paths.can_write(tmp_path / "chua-co" / "tep.sqlite")  # made when needed
    database = tmp_path / "du-lieu.sqlite"
    database.write_bytes(b"")
    folder = read_only_copy(database).parent
    assert not paths.can_write(folder)
    assert not paths.can_write(folder / "du-lieu.sqlite")
    assert not paths.can_write(folder / "du-lieu" / "moi.sqlite")
    reason = paths.cannot_write_reason(folder, portable=True)
    assert reason is not None and str(folder) in reason and "chép cả thư mục" in reason
