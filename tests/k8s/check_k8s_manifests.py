#!/usr/bin/env python3
"""Checks `prep360 k8s JOB.json --shards N` (no cluster needed): the YAML parses (python3-yaml),
it holds a ConfigMap with the job document, an Indexed Job whose N completion indices map onto
shards 1..N exactly once, and a merge Job; every container requests cpu and memory and mounts the
shared volume. Also: a job that cannot be sharded (min_motion) is refused with exit code 2.

Usage: check_k8s_manifests.py PREP360"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def main():
    prep360 = sys.argv[1]
    shards = 5
    with tempfile.TemporaryDirectory() as tmp:
        job_file = Path(tmp) / "job.json"
        job = subprocess.run([prep360, "run", "in/walk.mp4", "-o", "out/walk_dataset", "--fps", "2", "--print-config"],
                             check=True, capture_output=True, text=True).stdout
        job_file.write_text(job)
        text = subprocess.run([prep360, "k8s", str(job_file), "--shards", str(shards), "--cpus", "3", "--memory", "3Gi",
                               "--claim", "walks"], check=True, capture_output=True, text=True).stdout
        docs = [d for d in yaml.safe_load_all(text) if d]
        kinds = [d["kind"] for d in docs]
        if kinds != ["ConfigMap", "Job", "Job"]:
            fail(f"kinds {kinds}")
        config, shard_job, merge_job = docs
        if json.loads(config["data"]["job.json"]) != json.loads(job):
            fail("the ConfigMap does not hold the job document")
        spec = shard_job["spec"]
        if spec.get("completionMode") != "Indexed" or spec.get("completions") != shards:
            fail(f"not an Indexed Job of {shards} completions: {spec}")
        # Evaluate each pod's shard argument as the shell would, for every completion index.
        script = spec["template"]["spec"]["containers"][0]["args"][0]
        m = re.search(r'--shard "\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/(\d+)"', script)
        if not m or int(m.group(1)) != shards:
            fail(f"no --shard from JOB_COMPLETION_INDEX in {script!r}")
        covered = sorted(
            subprocess.run(["sh", "-c", 'echo "$((JOB_COMPLETION_INDEX + 1))"'], env={"JOB_COMPLETION_INDEX": str(i)},
                           check=True, capture_output=True, text=True).stdout.strip() for i in range(shards))
        if covered != sorted(str(k) for k in range(1, shards + 1)):
            fail(f"shards covered: {covered}")
        if "run --config /etc/prep360/job.json" not in script or "--threads 3" not in script:
            fail(f"shard command: {script!r}")
        merge_script = merge_job["spec"]["template"]["spec"]["containers"][0]["args"][0]
        if "prep360 merge 'out/walk_dataset'" not in merge_script or f"-of-{shards}.json" not in merge_script:
            fail(f"merge command: {merge_script!r}")
        for doc in (shard_job, merge_job):
            pod = doc["spec"]["template"]["spec"]
            claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v]
            if claims != ["walks"] or pod.get("restartPolicy") != "Never":
                fail(f"{doc['metadata']['name']}: volumes {pod['volumes']}")
            for c in pod["containers"]:
                req = c["resources"]["requests"]
                if not req.get("cpu") or not req.get("memory"):
                    fail(f"{c['name']}: no resource requests")
                if {m["name"] for m in c["volumeMounts"]} != {"data", "job"}:
                    fail(f"{c['name']}: mounts {c['volumeMounts']}")
        if shard_job["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"] != {"cpu": "3", "memory": "3Gi"}:
            fail("shard requests are not --cpus/--memory")
        # min_motion chains frames across the video: refused, exit 2, naming the field.
        bad = json.loads(job)
        bad["source"]["min_motion"] = 2.0
        job_file.write_text(json.dumps(bad))
        r = subprocess.run([prep360, "k8s", str(job_file), "--shards", "2"], capture_output=True, text=True)
        if r.returncode != 2 or "min_motion" not in r.stderr:
            fail(f"min_motion job: exit {r.returncode}, {r.stderr!r}")
    print(f"PASS: k8s manifests for {shards} shards")


if __name__ == "__main__":
    main()
