import CCurl

/// libcurl's C callbacks. Each receives the `CurlTransfer` as an unretained pointer (the event loop
/// keeps the transfer alive while its handle is in the multi handle) and runs on the libcurl thread.
enum CurlCallbacks {
    typealias DataCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int
    typealias SeekCallback = @convention(c) (UnsafeMutableRawPointer?, curl_off_t, Int32) -> Int32

    static let write: DataCallback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let accepted = transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
        return accepted ? length : Int(SFB_CURL_WRITEFUNC_PAUSE)
    }

    static let header: DataCallback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    static let read: DataCallback = { buffer, size, count, context in
        guard let context, let buffer else { return Int(SFB_CURL_READFUNC_ABORT) }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.readBody(into: buffer, capacity: size * count) ?? Int(SFB_CURL_READFUNC_ABORT)
    }

    static let seek: SeekCallback = { context, offset, origin in
        guard let context, origin == SEEK_SET else { return 2 }  // CURL_SEEKFUNC_CANTSEEK
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.seekBody(to: Int(offset)) ? 0 : 1  // CURL_SEEKFUNC_OK : CURL_SEEKFUNC_FAIL
    }
}
