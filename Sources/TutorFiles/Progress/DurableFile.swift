import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that it is never half-written, even across a power cut: the data goes to
/// a temporary file in the same folder, which is flushed to disk (`sync`), renamed over the old
/// file, and then the folder itself is flushed, so that the rename is on disk too.
struct DurableFile {
    /// fsync(2) by default; the tests record the calls instead.
    var sync: @Sendable (Int32) -> Int32 = { fsync($0) }

    /// nil when written; otherwise the system's reason.
    func replace(_ path: String, with data: Data) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UUID().uuidString).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var problem = writeAll(fd, data)
        if problem == nil, sync(fd) != 0 { problem = String(cString: strerror(errno)) }
        if close(fd) != 0, problem == nil { problem = String(cString: strerror(errno)) }
        if problem == nil, rename(temporary, path) != 0 { problem = String(cString: strerror(errno)) }
        if let problem {
            unlink(temporary)
            return problem
        }
        // the rename is only durable once the folder's entry is flushed; a file system that
        // cannot fsync a folder (EINVAL) has nothing more to do
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        if dir >= 0 {
            _ = sync(dir)
            close(dir)
        }
        return nil
    }

    private func writeAll(_ fd: Int32, _ data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                done += n
            }
            return nil
        }
    }
}

/// An exclusive lock on a file for the read-merge-write of the progress file; when the lock file
/// cannot be made (a read-only folder) the work goes on without it.
struct Lock {
    private let fd: Int32

    init(path: String) {
        fd = open(path, O_CREAT | O_RDWR, 0o644)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
    }

    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
