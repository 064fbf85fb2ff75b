//! The file system calls the standard library does not offer, each with a fallback for systems
//! without it.

use std::io;
use std::path::Path;

/// Whether every folder in `dir` lets this process remove what it holds (write and search
/// permission, on a writable file system), so a previous site that cannot be removed is
/// refused before anything moves.
#[cfg(unix)]
pub(super) fn check_removable(dir: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if !entry.file_type().is_dir() {
            continue;
        }
        let path = std::ffi::CString::new(entry.path().as_os_str().as_bytes())?;
        // SAFETY: `path` is a NUL-terminated string that lives across the call, which only
        // reads it.
        if unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) } != 0 {
            let e = io::Error::last_os_error();
            return Err(io::Error::new(
                e.kind(),
                format!("{} cannot be emptied: {e}", entry.path().display()),
            ));
        }
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn check_removable(_: &Path) -> io::Result<()> {
    Ok(())
}

/// `FS_TOPDIR_FL` from `linux/fs.h`: "top of directory hierarchies".
#[cfg(target_os = "linux")]
const TOP_FOLDER: libc::c_int = 0x0002_0000;

/// Marks the folder that holds a build's site as the top of a folder hierarchy. ext4 then
/// places each folder made directly in it (the site's) in a block group with the fewest
/// folders, searching from a point set by that folder's name, rather than beside its parent. A build made soon after
/// the previous output was removed (`rm -rf public`, or the removal of a swapped-out site)
/// would otherwise take its inodes from the group that output's were freed in, and ext4, which
/// passes over each inode freed in the last minute one at a time whenever it makes a file,
/// spent most of a fresh build's system time doing so on this project's benchmark. Only a
/// placement hint: where the file system has no such flag, nothing changes.
#[cfg(target_os = "linux")]
pub(super) fn mark_top_folder(dir: &Path) {
    let Ok(folder) = std::fs::File::open(dir) else {
        return;
    };
    if let Some(flags) = folder_flags(&folder) {
        let flags = flags | TOP_FOLDER;
        // SAFETY: the call takes the open folder's descriptor and a pointer to an int that
        // lives across it, which the kernel only reads.
        unsafe {
            libc::ioctl(
                fd(&folder),
                libc::FS_IOC_SETFLAGS,
                &flags as *const libc::c_int,
            )
        };
    }
}

/// The folder's inode flags (`lsattr`), where its file system has them.
#[cfg(target_os = "linux")]
fn folder_flags(folder: &std::fs::File) -> Option<libc::c_int> {
    let mut flags: libc::c_int = 0;
    // SAFETY: the call takes the open folder's descriptor and a pointer to an int that lives
    // across it (the kernel writes an int, whatever the request's declared size).
    let got = unsafe {
        libc::ioctl(
            fd(folder),
            libc::FS_IOC_GETFLAGS,
            &mut flags as *mut libc::c_int,
        )
    };
    (got == 0).then_some(flags)
}

#[cfg(target_os = "linux")]
fn fd(file: &std::fs::File) -> std::os::fd::RawFd {
    std::os::fd::AsRawFd::as_raw_fd(file)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn mark_top_folder(_: &Path) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_new_site_folder_is_marked_as_a_top_folder_where_folders_have_flags() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("site");
        std::fs::create_dir(&folder).unwrap();
        let open = || std::fs::File::open(&folder).unwrap();
        let Some(before) = folder_flags(&open()) else {
            return; // a file system without inode flags (tmpfs): nothing to mark
        };
        assert_eq!(before & TOP_FOLDER, 0);
        mark_top_folder(&folder);
        let after = folder_flags(&open()).unwrap();
        assert_eq!(after, before | TOP_FOLDER, "{before:#x} became {after:#x}");
    }
}
