// RecordFiles sits on GzipStreams: its sources and sinks (`ByteSource`, `ByteSink`, `GzipWriter`, `GzipReader`)
// are part of this module's vocabulary, so importing RecordFiles is enough for callers.
@_exported import GzipStreams
