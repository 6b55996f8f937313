//! Never lose a byte: in-place fixes, hostile input and hostile file systems,
//! through the built binary (and `write_atomic` directly where the timing must
//! be exact).

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

mod common;
use common::with_endings;

/// A text with one fixable defect for each built-in fix, in LF form.
const DEFECTS: &str = "Russia denies the claim.It said so.\nTwo  spaces here.\nTrailing space here. \nLast line.";
/// `DEFECTS` after `--fix`.
const FIXED: &str = "Russia denies the claim. It said so.\nTwo spaces here.\nTrailing space here.\nLast line.";

fn mtlint() -> Command {
    let mut command = Command::new(cargo_bin("mtlint"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs to the end with a time limit, so a hang fails the test instead of
/// stalling the suite.
fn run(command: &mut Command) -> (i32, String, String) {
    let output = assert_cmd::Command::from_std(std::mem::replace(command, Command::new("true")))
        .timeout(Duration::from_secs(120))
        .output()
        .expect("mtlint runs");
    (
        output.status.code().expect("mtlint exits, not killed"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

fn temp_files(folder: &Path) -> Vec<PathBuf> {
    fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".mtlint-"))
        .collect()
}

fn is_root(dir: &TempDir) -> bool {
    let probe = dir.path().join(".uid-probe");
    fs::write(&probe, "").unwrap();
    let uid = fs::metadata(&probe).unwrap().uid();
    fs::remove_file(probe).unwrap();
    uid == 0
}

/// The binary run without root's power to ignore permissions: as `nobody`
/// through `setpriv` when the tests run as root (the tree is handed to
/// `nobody` first), as is otherwise. `None` when root cannot drop privileges.
fn unprivileged(dir: &TempDir) -> Option<Command> {
    if !is_root(dir) {
        return Some(mtlint());
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let status = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(dir.path())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    // A copy of the binary inside the tree, as `nobody` may not reach the
    // build folder. (Hidden, so walks skip it.)
    let binary = dir.path().join(".bin-mtlint");
    fs::copy(cargo_bin("mtlint"), &binary).ok()?;
    let mut command = Command::new(setpriv);
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(binary)
        .env("NO_COLOR", "1");
    Some(command)
}

// ---------------------------------------------------------------- writes

#[test]
fn fix_replaces_the_file_by_rename_and_keeps_its_mode_bits() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    write(&path, DEFECTS);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let inode_before = fs::metadata(&path).unwrap().ino();
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(&path));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&path), FIXED);
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o640);
    // A new inode: the fixed text was written elsewhere and renamed over.
    assert_ne!(metadata.ino(), inode_before);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn fix_keeps_the_owner_of_another_users_file() {
    let dir = TempDir::new().unwrap();
    if !is_root(&dir) {
        eprintln!("skipped: only root can fix a file another user owns");
        return;
    }
    let path = dir.path().join("a.txt");
    write(&path, DEFECTS);
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(&path));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&path), FIXED);
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
}

#[test]
fn fix_keeps_line_endings_bom_and_final_newline_exactly() {
    let dir = TempDir::new().unwrap();
    let styles: [(&str, &[&str]); 4] = [
        ("lf", &["\n"]),
        ("crlf", &["\r\n"]),
        ("cr", &["\r"]),
        ("mixed", &["\n", "\r", "\r\n"]),
    ];
    let mut cases = Vec::new();
    for (name, style) in styles {
        for (bom_name, bom) in [("plain", ""), ("bom", "\u{feff}")] {
            for (last_name, last) in [("open", ""), ("closed", "\n")] {
                let path = dir.path().join(format!("{name}-{bom_name}-{last_name}.txt"));
                let input = format!("{bom}{}", with_endings(&format!("{DEFECTS}{last}"), style));
                let want = format!("{bom}{}", with_endings(&format!("{FIXED}{last}"), style));
                write(&path, &input);
                cases.push((path, want));
            }
        }
    }
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(dir.path()));
    assert_eq!(code, 0, "{stderr}");
    for (path, want) in cases {
        assert_eq!(fs::read(&path).unwrap(), want.as_bytes(), "{}", path.display());
    }
}

#[test]
fn write_atomic_refuses_a_file_changed_since_it_was_read() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    write(&path, DEFECTS);
    let original = fs::read(&path).unwrap();
    // Another program saves the file between our read and our write.
    write(&path, "Edited by hand.\n");
    let error = mtlint::fs::write_atomic(&path, &original, FIXED.as_bytes()).unwrap_err();
    assert!(matches!(error, mtlint::fs::FileError::Changed { .. }), "{error}");
    assert!(error.to_string().contains("changed on disk"), "{error}");
    assert_eq!(read(&path), "Edited by hand.\n");
    assert!(temp_files(dir.path()).is_empty());
    // Unchanged, the same call writes.
    mtlint::fs::write_atomic(&path, b"Edited by hand.\n", FIXED.as_bytes()).unwrap();
    assert_eq!(read(&path), FIXED);
}

/// Through the binary: the file is appended to as soon as mtlint's temporary
/// file appears, which is after mtlint read the file and before it compares and
/// renames. The window (writing and syncing megabytes) is wide, but it is a
/// race, so a few tries are allowed; every try must leave the file intact.
#[test]
fn fix_leaves_a_file_changed_during_the_run_and_exits_2() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("big.txt");
    let original = format!(
        "{}{DEFECTS}\n",
        "Officials met in the capital on Friday to discuss trade.\n".repeat(80_000)
    );
    let mut caught = false;
    for _ in 0..8 {
        write(&path, &original);
        let child = mtlint()
            .args(["check", "--fix", "-q"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while temp_files(dir.path()).is_empty() && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_micros(200));
        }
        let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
        std::io::Write::write_all(&mut file, b"Edited while mtlint ran.\n").unwrap();
        drop(file);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let now = read(&path);
        if output.status.code() == Some(2) {
            assert!(
                stderr.contains("changed on disk since it was read; not overwritten"),
                "{stderr}"
            );
            assert!(stderr.contains("big.txt"), "{stderr}");
            assert_eq!(now, format!("{original}Edited while mtlint ran.\n"));
            caught = true;
            break;
        }
        // Too late: the fix landed first and the edit went to the fixed file.
        assert!(now.starts_with(&original.replace(DEFECTS, FIXED)), "file mangled");
    }
    assert!(caught, "never caught the change in time");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_symlink_stays_a_symlink_and_its_target_is_fixed() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("real/article.txt");
    write(&target, DEFECTS);
    let link = dir.path().join("link.txt");
    symlink(&target, &link).unwrap();
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(&link));
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert_eq!(read(&target), FIXED);
    assert!(temp_files(dir.path()).is_empty() && temp_files(&dir.path().join("real")).is_empty());
}

#[test]
fn a_file_reached_by_several_paths_is_checked_and_fixed_once() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    write(&path, "It ended.Then it began.\n");
    symlink(&path, dir.path().join("b.txt")).unwrap();
    let dotted = dir.path().join(".").join("a.txt");
    let json = |fix: bool| {
        let mut command = mtlint();
        command.args(["check", "--output-format", "json"]);
        if fix {
            command.arg("--fix");
        }
        command.arg(&path).arg(&dotted).arg(dir.path()).arg(&path);
        run(&mut command)
    };
    let (code, stdout, stderr) = json(false);
    assert_eq!(code, 1, "{stderr}");
    let diagnostics: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(diagnostics.len(), 1, "{stdout}");
    let (code, _, stderr) = json(true);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&path), "It ended. Then it began.\n");
}

#[test]
fn a_hard_linked_file_is_reported_once_and_never_split() {
    let dir = TempDir::new().unwrap();
    let first = dir.path().join("a.txt");
    let second = dir.path().join("b.txt");
    write(&first, DEFECTS);
    fs::hard_link(&first, &second).unwrap();
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert_eq!(stderr.matches("hard links").count(), 1, "{stderr}");
    assert!(stderr.contains("a.txt: the file has 2 hard links"), "{stderr}");
    assert_eq!(read(&first), DEFECTS);
    assert_eq!(
        fs::metadata(&first).unwrap().ino(),
        fs::metadata(&second).unwrap().ino()
    );
}

#[test]
fn a_read_only_file_is_refused_and_the_other_files_are_fixed() {
    let dir = TempDir::new().unwrap();
    let locked = dir.path().join("a-locked.txt");
    let open = dir.path().join("b-open.txt");
    write(&locked, DEFECTS);
    write(&open, DEFECTS);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q", "-j", "1"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a-locked.txt: the file is read-only; not overwritten"),
        "{stderr}"
    );
    assert_eq!(read(&locked), DEFECTS);
    assert_eq!(read(&open), FIXED);
}

#[test]
fn a_read_only_folder_is_reported_and_the_other_files_are_fixed() {
    let dir = TempDir::new().unwrap();
    let locked = dir.path().join("locked/a.txt");
    let open = dir.path().join("open/b.txt");
    write(&locked, DEFECTS);
    write(&open, DEFECTS);
    let Some(mut command) = unprivileged(&dir) else {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return;
    };
    fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o555)).unwrap();
    let (code, _, stderr) = run(command.args(["check", "--fix", "-q"]).arg(dir.path()));
    fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2);
    assert!(stderr.contains("a.txt: could not write the fixed text"), "{stderr}");
    assert!(stderr.contains("the original is unchanged"), "{stderr}");
    assert_eq!(read(&locked), DEFECTS);
    assert_eq!(read(&open), FIXED);
}

/// A full disk, made real with a small tmpfs in a private mount namespace
/// (root only): the big file's fix does not fit, the small one's does.
#[test]
fn a_full_disk_is_reported_the_original_kept_and_the_other_files_fixed() {
    let dir = TempDir::new().unwrap();
    let unshare = Path::new("/usr/bin/unshare");
    if !is_root(&dir) || !unshare.exists() {
        eprintln!("skipped: needs root and unshare to mount a small file system");
        return;
    }
    let mount = dir.path().join("disk");
    fs::create_dir(&mount).unwrap();
    let staged = dir.path().join("staged");
    let big = format!(
        "{}{DEFECTS}\n",
        "Officials met in the capital to discuss trade.\n".repeat(14_000)
    );
    write(&staged.join("a-big.txt"), &big);
    write(&staged.join("b-small.txt"), DEFECTS);
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs {disk} && cp {staged}/* {disk}/ && {bin} check --fix -q -j 1 {disk}; \
         echo \"exit=$?\"; cat {disk}/a-big.txt > {out}/a-after; cat {disk}/b-small.txt > {out}/b-after; \
         ls -a {disk} > {out}/listing",
        disk = mount.display(),
        staged = staged.display(),
        bin = cargo_bin("mtlint").display(),
        out = dir.path().display(),
    );
    let output = Command::new(unshare)
        .args(["-m", "sh", "-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("mount:") && !stdout.contains("exit=") {
        eprintln!("skipped: mounting is not allowed here: {stderr}");
        return;
    }
    assert!(stdout.contains("exit=2"), "{stdout}\n{stderr}");
    assert!(stderr.contains("a-big.txt: could not write the fixed text"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(read(&dir.path().join("a-after")), big);
    assert_eq!(read(&dir.path().join("b-after")), FIXED);
    assert!(!read(&dir.path().join("listing")).contains(".mtlint-"));
}

/// Kills the binary (SIGKILL, SIGTERM or SIGINT) while it fixes 300 files and
/// checks every file is exactly the original or exactly the fixed text.
#[test]
fn a_run_killed_during_a_batch_fix_leaves_each_file_old_or_new() {
    let dir = TempDir::new().unwrap();
    let originals: Vec<(String, String)> = (0..300)
        .map(|i| {
            let body = format!("Article {i} was filed on Friday, officials said.\n").repeat(400 + i);
            (format!("a{i:03}.txt"), format!("{body}{DEFECTS}\n"))
        })
        .collect();
    let reference = dir.path().join("reference");
    for (name, text) in &originals {
        write(&reference.join(name), text);
    }
    let started = Instant::now();
    // Spacing rules only: the repeated filler lines are not what this test is about.
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q", "--select", "S"]).arg(&reference));
    let full_run = started.elapsed();
    assert_eq!(code, 0, "{stderr}");
    let fixed: Vec<String> = originals.iter().map(|(name, _)| read(&reference.join(name))).collect();
    assert!(fixed.iter().zip(&originals).all(|(f, (_, o))| f != o));

    let batch = dir.path().join("batch");
    let mut interrupted_mid_batch = 0;
    for (round, (fraction, signal)) in [(0.3, "KILL"), (0.5, "TERM"), (0.7, "INT"), (0.5, "KILL"), (0.8, "KILL")]
        .into_iter()
        .enumerate()
    {
        for (name, text) in &originals {
            write(&batch.join(name), text);
        }
        let mut child = mtlint()
            .args(["check", "--fix", "-q", "--select", "S"])
            .arg(&batch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full_run.mul_f64(fraction));
        Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .unwrap();
        child.wait().unwrap();
        let mut counts = (0, 0);
        for ((name, original), fixed) in originals.iter().zip(&fixed) {
            let now = read(&batch.join(name));
            if &now == original {
                counts.0 += 1;
            } else if &now == fixed {
                counts.1 += 1;
            } else {
                panic!("round {round}: {name} is neither the original nor the fixed text");
            }
        }
        // Only our hidden temporary files may be left over, and a later run
        // does not take them for articles.
        for entry in fs::read_dir(&batch).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                name.ends_with(".txt") || name.starts_with(".mtlint-"),
                "stray file {name}"
            );
        }
        if counts.0 > 0 && counts.1 > 0 {
            interrupted_mid_batch += 1;
        }
    }
    assert!(interrupted_mid_batch > 0, "no kill landed in the middle of the batch");
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q", "--select", "S"]).arg(&batch));
    assert_eq!(code, 0, "{stderr}");
    for ((name, _), fixed) in originals.iter().zip(&fixed) {
        assert_eq!(&read(&batch.join(name)), fixed);
    }
}

// ---------------------------------------------------------------- reading

#[test]
fn invalid_utf8_is_an_error_with_file_and_offset_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("bad.txt");
    let mut bytes = b"Russia denies.It said so. Caf".to_vec();
    bytes.extend_from_slice(b"\xe9 closed.\n");
    write(&bad, &bytes);
    let good = dir.path().join("good.txt");
    write(&good, DEFECTS);
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.txt: not valid UTF-8: invalid byte sequence at byte offset 29"),
        "{stderr}"
    );
    assert_eq!(fs::read(&bad).unwrap(), bytes);
    assert_eq!(read(&good), FIXED);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
        .collect()
}

#[test]
fn utf16_with_a_bom_is_checked_and_fixed_in_utf16() {
    let dir = TempDir::new().unwrap();
    for big_endian in [false, true] {
        let path = dir.path().join(format!("utf16-{big_endian}.txt"));
        write(
            &path,
            utf16(&format!("\u{feff}{}", with_endings(DEFECTS, &["\r\n"])), big_endian),
        );
        let (code, stdout, _) = run(mtlint().args(["check", "--output-format", "concise"]).arg(&path));
        assert_eq!(code, 1);
        assert!(stdout.contains(":1:25: S001"), "{stdout}");
        let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(&path));
        assert_eq!(code, 0, "{stderr}");
        let want = utf16(&format!("\u{feff}{}", with_endings(FIXED, &["\r\n"])), big_endian);
        assert_eq!(fs::read(&path).unwrap(), want);
    }
    let broken = dir.path().join("broken.txt");
    write(&broken, [0xff, 0xfe, b'A', 0, 0x00, 0xd8, b'B', 0]);
    let (code, _, stderr) = run(mtlint().arg("check").arg(&broken));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("not valid UTF-16: unpaired surrogate at byte offset 4"),
        "{stderr}"
    );
}

#[test]
fn binary_files_are_skipped_when_walking_and_warned_about_when_named() {
    let dir = TempDir::new().unwrap();
    write(&dir.path().join("nul.txt"), b"Looks like text\0but is not");
    write(&dir.path().join("report.txt"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    write(&dir.path().join("article.txt"), "It ended.Then it began.\n");
    let (code, stdout, stderr) = run(mtlint().args(["check", "--output-format", "concise"]).arg(dir.path()));
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    assert!(stdout.contains("article.txt") && !stdout.contains("nul.txt") && !stdout.contains("report.txt"));
    let (code, _, stderr) = run(mtlint()
        .args(["check", "--fix"])
        .arg(dir.path().join("nul.txt"))
        .arg(dir.path().join("report.txt")));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning:")
            && stderr.contains("nul.txt: looks like a binary file (NUL byte at offset 15); skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("report.txt: looks like a binary file (PDF signature); skipped"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(dir.path().join("nul.txt")).unwrap(),
        b"Looks like text\0but is not"
    );
}

#[test]
fn empty_and_whitespace_only_files_are_handled() {
    let dir = TempDir::new().unwrap();
    let empty = dir.path().join("empty.txt");
    let blank = dir.path().join("blank.txt");
    write(&empty, "");
    write(&blank, " \t\n\u{3000}\r\n  ");
    let (code, stdout, stderr) = run(mtlint().args(["check", "--output-format", "concise"]).arg(&empty));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.contains("All checks passed!"));
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(dir.path()));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&empty), "");
    assert_eq!(read(&blank), "\n\r\n");
}

/// Hostile shapes of one to three megabytes: a long line with no newline, a
/// line of a million quotes, a million nested brackets, glued sentences with no
/// space at all, runs that every candidate would grow over. A quadratic scan
/// would not finish; a recursive one would overflow. (The 200 MB case is
/// `benches/linear.rs`, which shows the time per MB staying flat.)
#[test]
fn hostile_inputs_are_linted_and_fixed_without_panic() {
    let dir = TempDir::new().unwrap();
    let inputs = [
        ("one-line.txt", "Officials met.Talks ended  today. ".repeat(30_000)),
        ("quotes.txt", "\"".repeat(1_000_000)),
        ("curly.txt", "“”“".repeat(300_000)),
        (
            "nested.txt",
            format!("{}{}", "(".repeat(1_000_000), ")".repeat(1_000_000)),
        ),
        ("mixed-nesting.txt", "([“‘".repeat(250_000)),
        ("glued.txt", "Russia.Russia".repeat(80_000)),
        ("dots.txt", "a.".repeat(1_000_000)),
        ("urls.txt", "http://".repeat(300_000)),
        ("emails.txt", "a@b.c".repeat(300_000)),
        ("breaks.txt", "\r".repeat(1_000_000)),
    ];
    for (name, text) in &inputs {
        write(&dir.path().join(name), text);
    }
    let (code, stdout, stderr) = run(mtlint()
        .args(["check", "--select", "ALL", "-q", "--output-format", "concise"])
        .arg(dir.path()));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    // Every `Russia.Russia` is one glued sentence; the line is reported whole.
    assert_eq!(stdout.matches("glued.txt:1:").count(), 80_000);
    let one_line = dir.path().join("one-line.txt");
    let (code, _, stderr) = run(mtlint()
        .args(["check", "--select", "ALL", "--fix", "-q"])
        .arg(&one_line));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(&one_line),
        "Officials met. Talks ended today. ".repeat(30_000).trim_end()
    );
}

// ---------------------------------------------------------------- walking

#[test]
fn fifos_sockets_and_devices_are_skipped_when_walking() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket.txt")).unwrap();
    symlink("/dev/null", dir.path().join("device.txt")).unwrap();
    write(&dir.path().join("article.txt"), "It ended.Then it began.\n");
    let (code, stdout, stderr) = run(mtlint().args(["check", "--output-format", "concise"]).arg(dir.path()));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("article.txt:1:9: S001"), "{stdout}");
    assert_eq!(stdout.lines().filter(|l| l.contains(".txt:")).count(), 1, "{stdout}");
}

#[test]
fn a_broken_symlink_is_reported_and_the_walk_goes_on() {
    let dir = TempDir::new().unwrap();
    symlink(dir.path().join("gone.txt"), dir.path().join("a-broken.txt")).unwrap();
    write(&dir.path().join("b-article.txt"), DEFECTS);
    let (code, _, stderr) = run(mtlint().args(["check", "--fix", "-q"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a-broken.txt: broken symbolic link (its target does not exist)"),
        "{stderr}"
    );
    assert_eq!(read(&dir.path().join("b-article.txt")), FIXED);
    let (code, _, stderr) = run(mtlint().arg("check").arg(dir.path().join("a-broken.txt")));
    assert_eq!(code, 2);
    assert!(stderr.contains("broken symbolic link"), "{stderr}");
}

#[test]
fn an_unreadable_folder_is_reported_and_the_walk_goes_on() {
    let dir = TempDir::new().unwrap();
    write(&dir.path().join("a-secret/x.txt"), DEFECTS);
    write(&dir.path().join("b-open/y.txt"), DEFECTS);
    let Some(mut command) = unprivileged(&dir) else {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return;
    };
    fs::set_permissions(dir.path().join("a-secret"), fs::Permissions::from_mode(0o000)).unwrap();
    let (code, _, stderr) = run(command.args(["check", "--fix", "-q"]).arg(dir.path()));
    fs::set_permissions(dir.path().join("a-secret"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2);
    assert!(stderr.contains("a-secret: permission denied"), "{stderr}");
    assert_eq!(read(&dir.path().join("b-open/y.txt")), FIXED);
}
