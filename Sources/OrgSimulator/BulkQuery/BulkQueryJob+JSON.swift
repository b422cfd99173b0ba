extension BulkQueryJob {
    /// The job info JSON. `detailed` adds the status fields of `GET /jobs/query/{id}` (jobType, counters);
    /// `listed` is the shape of a `GET /jobs/query` entry.
    func info(detailed: Bool, listed: Bool = false) -> [UInt8] {
        let progress = self.progress.snapshot
        var w = JSONWriter(capacity: 512)
        w.raw("{")
        w.key("id"); w.string(settings.id); w.raw(",")
        w.key("operation"); w.string(settings.operation); w.raw(",")
        w.key("object"); w.string(settings.object); w.raw(",")
        w.key("createdById"); w.string(settings.createdByID); w.raw(",")
        w.key("createdDate"); w.string(ValueFormat.dateTime(settings.createdDate)); w.raw(",")
        w.key("systemModstamp"); w.string(ValueFormat.dateTime(progress.systemModstamp)); w.raw(",")
        w.key("state"); w.string(progress.state); w.raw(",")
        w.key("concurrencyMode"); w.string("Parallel"); w.raw(",")
        w.key("contentType"); w.string("CSV"); w.raw(",")
        w.key("apiVersion"); w.raw(settings.apiVersion); w.raw(",")
        if detailed || listed {
            w.key("jobType"); w.string("V2Query"); w.raw(",")
        }
        w.key("lineEnding"); w.string(settings.lineEnding); w.raw(",")
        w.key("columnDelimiter"); w.string(settings.columnDelimiter)
        if detailed {
            w.raw(",")
            w.key("numberRecordsProcessed"); w.int(progress.numberRecordsProcessed); w.raw(",")
            w.key("retries"); w.int(0); w.raw(",")
            w.key("totalProcessingTime"); w.int(progress.totalProcessingTime); w.raw(",")
            w.key("isPkChunkingSupported"); w.bool(true)
            if let message = progress.errorMessage {
                w.raw(",")
                w.key("errorMessage"); w.string(message)
            }
        }
        w.raw("}")
        return w.bytes
    }
}
