"""A local HTTP server that stands between `accessgraph audit` and a moto server and injects
faults: the live audit's retry and error paths, end to end.

    python3 fault_server.py --faults FAULTS.json --log LOG [--upstream http://127.0.0.1:PORT]

It prints `fault server on http://127.0.0.1:PORT` once it listens. Every request must carry a
valid Signature Version 4 signature made with a known secret (`--secret KEY=SECRET`, default
`testing=testing`); one that does not is refused as AWS refuses it (403 SignatureDoesNotMatch, or
InvalidSignatureException for the JSON protocols). Then the first fault that names the request's
operation and has not been used up answers it; without one the request goes to the upstream
server and its answer comes back unchanged. FAULTS.json is a list of

    {"operation": "ListPipelines", "fault": "throttle", "times": 2}

`times` left out means every time. Faults: `throttle` (the service's throttling error: 400
Throttling or ThrottlingException, 429 for REST-JSON, 503 SlowDown for S3), `too-many-requests`
(a bare 429), `internal-error` (500), `access-denied` (the service's access denial, as AWS
Organizations answers a member account), `slow` (waits `seconds`, then forwards), `truncated`
(the upstream's answer cut in half), `html` (200 with an HTML page), `bad-gateway` (502 with an
HTML page). Each request is logged to LOG as one JSON line: operation, status, fault.
"""
import argparse
import hashlib
import hmac
import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

QUERY = {"iam", "sts"}
JSON = {"dynamodb", "cognito-identity", "kms", "organizations"}
REST_JSON = {"osis", "es"}

# REST operations by method and path (JSON and Query ones name themselves).
REST_OPERATIONS = [
    ("GET", "/2022-01-01/osis/listPipelines", "ListPipelines"),
    ("GET", "/2022-01-01/osis/getPipeline/", "GetPipeline"),
    ("GET", "/2021-01-01/domain", "ListDomainNames"),
    ("POST", "/2021-01-01/opensearch/domain-info", "DescribeDomains"),
]
S3_OPERATIONS = {"policy": "GetBucketPolicy", "publicAccessBlock": "GetPublicAccessBlock", "encryption": "GetBucketEncryption"}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def hmac_sha256(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


class Faults:
    def __init__(self, path):
        self.entries = json.loads(open(path).read()) if path else []
        self.used = [0] * len(self.entries)
        self.lock = threading.Lock()

    def take(self, operation):
        with self.lock:
            for index, entry in enumerate(self.entries):
                if entry["operation"] != operation:
                    continue
                if "times" in entry and self.used[index] >= entry["times"]:
                    continue
                self.used[index] += 1
                return entry
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *arguments):
        pass

    def do_GET(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def do_PUT(self):
        self.handle_request()

    def handle_request(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path, _, query = self.path.partition("?")
        authorization = self.headers.get("Authorization", "")
        scope = self.credential_scope(authorization)
        service = scope[3] if scope else ""
        operation = self.operation(service, path, query, body)
        refusal = self.signature_refusal(authorization, path, query, body, service)
        if refusal:
            return self.answer(operation, None, *self.error(service, "signature", refusal))
        fault = self.server.faults.take(operation)
        kind = fault["fault"] if fault else None
        try:
            if kind == "slow":
                time.sleep(float(fault.get("seconds", 5)))
            if kind in (None, "slow", "truncated"):
                status, headers, answer = self.forward(body)
                if kind == "truncated":
                    answer = answer[: len(answer) // 2]
                return self.answer(operation, kind, status, headers, answer)
            if kind == "html":
                return self.answer(operation, kind, 200, {"Content-Type": "text/html; charset=utf-8"},
                                   b"<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body>Sign in</body></html>")
            if kind == "bad-gateway":
                return self.answer(operation, kind, 502, {"Content-Type": "text/html"}, b"<html><body><h1>502 Bad Gateway</h1></body></html>")
            if kind == "too-many-requests":
                return self.answer(operation, kind, 429, {"Content-Type": "text/plain"}, b"Too Many Requests")
            return self.answer(operation, kind, *self.error(service, kind, None))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout): nobody to answer

    # MARK: What the request is

    @staticmethod
    def credential_scope(authorization):
        """(key, date, region, service) from `Credential=KEY/DATE/REGION/SERVICE/aws4_request`."""
        for part in authorization.replace(",", " ").split():
            if part.startswith("Credential="):
                pieces = part[len("Credential="):].split("/")
                if len(pieces) == 5:
                    return pieces[:4]
        return None

    def operation(self, service, path, query, body):
        target = self.headers.get("X-Amz-Target")
        if target:
            return target.rsplit(".", 1)[-1]
        if service in QUERY:
            return urllib.parse.parse_qs(body.decode()).get("Action", [""])[0]
        if service == "s3":
            names = [pair.split("=")[0] for pair in query.split("&") if pair]
            return next((S3_OPERATIONS[name] for name in names if name in S3_OPERATIONS), "S3")
        for method, prefix, name in REST_OPERATIONS:
            if self.command == method and (path == prefix or (prefix.endswith("/") and path.startswith(prefix))):
                return name
        return path

    # MARK: Signature Version 4

    def signature_refusal(self, authorization, path, query, body, service):
        scope = self.credential_scope(authorization)
        if not authorization.startswith("AWS4-HMAC-SHA256 ") or not scope:
            return "Request is missing Authentication Token"
        secret = self.server.secrets.get(scope[0])
        if secret is None:
            return "The security token included in the request is invalid."
        fields = dict(part.split("=", 1) for part in authorization[len("AWS4-HMAC-SHA256 "):].replace(" ", "").split(",") if "=" in part)
        signed_headers = fields.get("SignedHeaders", "")
        canonical_headers = "".join(
            f"{name}:{','.join(' '.join(value.split()) for value in self.headers.get_all(name, []))}\n" for name in signed_headers.split(";"))
        pairs = [tuple(urllib.parse.unquote(piece) for piece in (pair.split("=", 1) + [""])[:2]) for pair in query.split("&") if pair]
        canonical_query = "&".join(f"{urllib.parse.quote(key, safe='-_.~')}={urllib.parse.quote(value, safe='-_.~')}" for key, value in sorted(pairs))
        # S3 signs the path as sent; the other services encode it once more.
        canonical_path = path if service == "s3" else urllib.parse.quote(path, safe="/-_.~")
        payload = self.headers.get("x-amz-content-sha256") or sha256(body)
        canonical = "\n".join([self.command, canonical_path, canonical_query, canonical_headers, signed_headers, payload])
        date = self.headers.get("X-Amz-Date", "")
        to_sign = "\n".join(["AWS4-HMAC-SHA256", date, "/".join(scope[1:]) + "/aws4_request", sha256(canonical.encode())])
        key = ("AWS4" + secret).encode()
        for part in scope[1:] + ["aws4_request"]:
            key = hmac_sha256(key, part)
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, fields.get("Signature", "")):
            return ("The request signature we calculated does not match the signature you provided. "
                    "Check your AWS Secret Access Key and signing method.")
        return None

    # MARK: Answers

    @staticmethod
    def error(service, kind, message):
        """The status, headers and body a service of this protocol sends for a fault."""
        codes = {
            "signature": (403, "SignatureDoesNotMatch", "InvalidSignatureException"),
            "throttle": (400, "Throttling", "ThrottlingException"),
            "internal-error": (500, "InternalFailure", "InternalServerException"),
            "access-denied": (403, "AccessDenied", "AccessDeniedException"),
        }
        status, xml_code, json_code = codes[kind]
        message = message or {"throttle": "Rate exceeded", "internal-error": "We encountered an internal error. Please try again.",
                              "access-denied": "You don't have permissions to access this resource."}[kind]
        if service == "s3":
            code = {"throttle": "SlowDown", "internal-error": "InternalError"}.get(kind, xml_code)
            status = 503 if kind == "throttle" else status
            return status, {"Content-Type": "application/xml"}, f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>".encode()
        if service in QUERY:
            return status, {"Content-Type": "text/xml"}, (
                f"<ErrorResponse><Error><Type>Sender</Type><Code>{xml_code}</Code><Message>{message}</Message></Error>"
                "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>").encode()
        if service in REST_JSON:
            status = 429 if kind == "throttle" else status
            return status, {"Content-Type": "application/json", "x-amzn-ErrorType": json_code}, json.dumps({"message": message}).encode()
        status = 400 if kind in ("signature", "access-denied") else status
        return status, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps({"__type": json_code, "message": message}).encode()

    def forward(self, body):
        upstream = urllib.parse.urlsplit(self.server.upstream)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "connection", "content-length")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        kept = {name: value for name, value in response.getheaders() if name.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server")}
        connection.close()
        return response.status, kept, answer

    def answer(self, operation, fault, status, headers, body):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.server.log_lock, open(self.server.log, "a") as log:
            log.write(json.dumps({"operation": operation, "status": status, "fault": fault}) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faults")
    parser.add_argument("--log", required=True)
    parser.add_argument("--upstream", default="http://127.0.0.1:5000")
    parser.add_argument("--secret", action="append", default=[])
    arguments = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.faults = Faults(arguments.faults)
    server.log, server.log_lock = arguments.log, threading.Lock()
    server.upstream = arguments.upstream
    server.secrets = dict(pair.split("=", 1) for pair in arguments.secret or ["testing=testing"])
    print(f"fault server on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
