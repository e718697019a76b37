#!/usr/bin/env python3
# check-server.py: the web servers test-check.sh points links at, on
# loopback ports chosen by the system.
#
# One HTTP server (like python3 -m http.server, with a few fixed paths):
#   /ok          200
#   /nohead      405 to HEAD, 200 to GET (the checker must retry with GET)
#   /redirect    302 to /ok
#   /loop/N      302 to /loop/N+1 (more redirects than allowed)
#   anything else 404
# and one socket that accepts connections and never answers.
# Prints "HTTP_PORT HANG_PORT" on its first line, then serves until killed.
import http.server
import socket
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self):
        path = self.path
        location = None
        if path == '/ok':
            code = 200
        elif path == '/nohead':
            code = 405 if self.command == 'HEAD' else 200
        elif path == '/redirect':
            code, location = 302, '/ok'
        elif path.startswith('/loop/') and path[6:].isdigit():
            code, location = 302, '/loop/%d' % (int(path[6:]) + 1)
        else:
            code = 404
        body = b'<!DOCTYPE html><title>test</title>\n'
        self.send_response(code)
        if location:
            self.send_header('Location', location)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command == 'GET':
            self.wfile.write(body)

    do_GET = answer
    do_HEAD = answer


def hold(listener):
    held = []
    while True:
        conn, _ = listener.accept()
        held.append(conn)       # accepted, never read, never answered


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
hang = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
hang.bind(('127.0.0.1', 0))
hang.listen(64)
threading.Thread(target=hold, args=(hang,), daemon=True).start()
print(server.server_address[1], hang.getsockname()[1], flush=True)
server.serve_forever()
