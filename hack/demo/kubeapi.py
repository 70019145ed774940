"""A minimal Kubernetes API client for the demo's stand-ins (hack/demo/kubelet.py and
hack/demo/prometheus.py): kubectl would cost a process per call. It uses the admin credentials of
the local control plane, $BALLAST_TEST_APISERVER and $BALLAST_TEST_CLUSTER_DIR/{admin.token,pki/ca.crt},
as `hack/cluster.sh env` exports them."""
import json
import os
import pathlib
import ssl
import urllib.error
import urllib.request


class API:
    """A minimal client for the local control plane's admin identity."""

    def __init__(self):
        cluster = pathlib.Path(os.environ["BALLAST_TEST_CLUSTER_DIR"])
        self.server = os.environ["BALLAST_TEST_APISERVER"].rstrip("/")
        self.token = (cluster / "admin.token").read_text().strip()
        self.tls = ssl.create_default_context(cafile=str(cluster / "pki" / "ca.crt"))

    def call(self, method, path, body=None, content_type="application/json"):
        request = urllib.request.Request(
            self.server + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": "Bearer " + self.token, "Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, context=self.tls, timeout=10) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise APIError(error.code, f"{method} {path}: HTTP {error.code} {error.read()[:300].decode(errors='replace')}")
        except (urllib.error.URLError, OSError) as error:
            raise RuntimeError(f"{method} {path}: {error}")

    def merge_patch(self, path, body):
        return self.call("PATCH", path, body, "application/merge-patch+json")


class APIError(RuntimeError):
    """An HTTP error answer; `code` is its status."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
