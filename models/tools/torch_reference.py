#!/usr/bin/python3
"""The grouped AlexNet of dynnd in plain PyTorch, on the weights DJL exported.

Reads the folder written by `dynnd eval --model BUNDLE --export DIR` (weights.json, weights.bin,
inputs.bin, logits-k<k>.bin), rebuilds the network of org.dynnd.models.net.GroupedAlexNet,
checks that its logits equal DJL's at every k (tolerance 1e-4) and times single-image
inference at every k with 1 and 2 intra-op threads (median over --runs runs).

Needs Debian's python3-torch: run it with /usr/bin/python3.
    /usr/bin/python3 models/tools/torch_reference.py DIR [--runs 300] [--json]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

KERNELS = [5, 5, 3, 3, 3]
POOL_AFTER = [True, True, False, False, True]


def load(folder):
    with open(os.path.join(folder, "weights.json")) as f:
        index = json.load(f)
    flat = np.fromfile(os.path.join(folder, "weights.bin"), dtype="<f4")
    tensors = {}
    for t in index["tensors"]:
        size = int(np.prod(t["shape"])) if t["shape"] else 1
        tensors[t["name"]] = torch.from_numpy(flat[t["offset"]:t["offset"] + size].reshape(t["shape"]).copy())
    return index, tensors


class GroupedAlexNet(torch.nn.Module):
    """logits_k = sum_{g<=k} W_g f_g(x) + b_k; each group is its own convolution path."""

    def __init__(self, index, tensors):
        super().__init__()
        self.groups = index["groups"]
        self.eps = index["batchNormEpsilon"]
        self.t = tensors

    def path(self, x, g):
        t = self.t
        for layer, kernel in enumerate(KERNELS, start=1):
            p = f"group{g}."
            x = F.conv2d(x, t[p + f"conv{layer}.weight"], padding=kernel // 2)
            x = F.batch_norm(x, t[p + f"bn{layer}.mean"], t[p + f"bn{layer}.var"], t[p + f"bn{layer}.gamma"],
                             t[p + f"bn{layer}.beta"], training=False, eps=self.eps)
            x = F.relu(x)
            if POOL_AFTER[layer - 1]:
                x = F.max_pool2d(x, 2, 2)
        return torch.flatten(x, 1)

    def forward(self, x, k):
        logits = None
        for g in range(1, k + 1):
            part = F.linear(self.path(x, g), self.t[f"head{g}.weight"])
            logits = part if logits is None else logits + part
        return logits + self.t[f"bias{k}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    index, tensors = load(args.folder)
    net = GroupedAlexNet(index, tensors).eval()
    n, classes = index["images"], index["classes"]
    inputs = torch.from_numpy(np.fromfile(os.path.join(args.folder, "inputs.bin"), dtype="<f4").reshape([n] + index["imageShape"]))
    result = {"torch": torch.__version__, "images": n, "maxAbsDiff": {}, "medianMs": {}}
    with torch.inference_mode():
        for k in range(1, index["groups"] + 1):
            djl = torch.from_numpy(np.fromfile(os.path.join(args.folder, f"logits-k{k}.bin"), dtype="<f4").reshape(n, classes))
            diff = (net(inputs, k) - djl).abs().max().item()
            result["maxAbsDiff"][k] = diff
        for threads in [int(t) for t in args.threads.split(",")]:
            torch.set_num_threads(threads)
            result["medianMs"][threads] = {}
            for k in range(1, index["groups"] + 1):
                image = inputs[:1]
                for _ in range(20):
                    net(image, k)
                times = []
                for i in range(args.runs):
                    image = inputs[i % n:i % n + 1]
                    start = time.perf_counter_ns()
                    net(image, k)
                    times.append((time.perf_counter_ns() - start) / 1e6)
                result["medianMs"][threads][k] = statistics.median(times)
    ok = all(d <= 1e-4 for d in result["maxAbsDiff"].values())
    result["logitsMatch"] = ok
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"PyTorch {result['torch']}, {n} images")
        for k, d in result["maxAbsDiff"].items():
            print(f"k={k}: max |logits_torch - logits_djl| = {d:.3g}")
        for threads, per_k in result["medianMs"].items():
            for k, ms in per_k.items():
                print(f"threads={threads} k={k}: median {ms:.3f} ms")
            print(f"threads={threads}: t(k={index['groups']})/t(k=1) = {per_k[index['groups']] / per_k[1]:.2f}")
        print("logits match within 1e-4" if ok else "LOGITS DIFFER by more than 1e-4")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
