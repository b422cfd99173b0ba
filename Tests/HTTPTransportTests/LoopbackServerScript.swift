/// The loopback HTTP server the transport tests talk to: Python's standard library, started per test
/// suite on a free port of 127.0.0.1, optionally with TLS. Each path is one behaviour under test.
enum LoopbackServerScript {
    static let source = #"""
        import gzip, json, os, socket, ssl, sys, threading, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        PATTERN = bytes(i % 251 for i in range(251 * 256))
        GZIP_TEXT = b"".join(b"line %d of the gzip test body\n" % i for i in range(5000))
        connections = 0
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def setup(self):
                global connections
                with lock:
                    connections += 1
                super().setup()
            def reply(self, status, body, headers=()):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            def read_body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""
            def echo(self):
                body = self.read_body()
                seen = {k.lower(): v for k, v in self.headers.items()}
                extra = [("X-Received-Length", str(len(body)))]
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                    extra.append(("X-Decoded", "gzip"))
                self.reply(200, body, [("X-Method", self.command), ("X-Seen", json.dumps(seen)),
                                       ("X-Path", self.path)] + extra)
            def do_GET(self):
                path, _, query = self.path.partition("?")
                if self.path.startswith("http://"):
                    self.reply(200, b"via proxy " + self.path.encode())
                elif path == "/hello":
                    self.reply(200, b"hello", [("X-Multi", "a"), ("x-multi", "b")])
                elif path == "/stats":
                    with lock:
                        count = connections
                    self.reply(200, json.dumps({"connections": count}).encode())
                elif path == "/gzip":
                    seen = self.headers.get("Accept-Encoding", "")
                    self.reply(200, gzip.compress(GZIP_TEXT), [("Content-Encoding", "gzip"), ("X-Seen-AE", seen)])
                elif path == "/large":
                    size = int(query.split("=")[1])
                    self.send_response(200)
                    self.send_header("Content-Length", str(size))
                    self.end_headers()
                    sent = 0
                    while sent < size:
                        piece = PATTERN[: min(len(PATTERN), size - sent)]
                        self.wfile.write(piece)
                        sent += len(piece)
                elif path == "/delay":
                    params = dict(p.split("=") for p in query.split("&"))
                    time.sleep(int(params["ms"]) / 1000)
                    self.reply(200, params["id"].encode())
                elif path == "/stall":
                    self.send_response(200)
                    self.send_header("Content-Length", "10")
                    self.end_headers()
                    self.wfile.write(b"12345")
                    self.wfile.flush()
                    time.sleep(30)
                elif path == "/drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                elif path == "/status":
                    self.reply(int(query.split("=")[1]), b'{"error":"as asked"}', [("Retry-After", "7")])
                else:
                    self.reply(404, b"no such path")
            do_HEAD = do_GET
            def do_POST(self):
                self.echo()
            do_PUT = do_POST
            do_PATCH = do_POST
            def do_DELETE(self):
                self.echo()

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

        server = Server(("127.0.0.1", 0), Handler)
        if len(sys.argv) > 2:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            server.socket = context.wrap_socket(server.socket, server_side=True)
        print("listening", server.server_address[1], flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        server.serve_forever()
        """#
}
