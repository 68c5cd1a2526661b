import RRD

/// Why a metric's points were not stored, with the text for the log.
struct FileRefusal: Error {
    var reason: RefusalReason
    var detail: String
    /// rrdcached refused; it may take the points later (queued for retry).
    var keep = false
}

/// The limits every backend applies before creating a metric file: the metric cap and the free
/// space and inodes of the data file system (librrd's mmap writes raise SIGBUS on a full disk).
enum NewFileCheck {
    static func refusal(existingFiles: Int, layout: RRDLayout, limits: StorageLimits, dataDirectory: String) -> FileRefusal? {
        guard existingFiles < limits.maxMetrics else {
            return FileRefusal(reason: .metricLimit, detail: "the store holds \(existingFiles) metrics, the limit (storage.max_metrics) is \(limits.maxMetrics); raise it or remove unused metrics")
        }
        guard let free = FileSystem.freeSpace(at: dataDirectory),
              free.bytes - layout.approximateFileSize >= limits.minFreeBytes, free.inodes > limits.minFreeInodes
        else {
            return FileRefusal(reason: .diskFull, detail: "the data file system is nearly full (keeping \(ByteSizeText.format(limits.minFreeBytes)) free); new metrics are refused until space is freed")
        }
        return nil
    }
}
