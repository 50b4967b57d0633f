#!/usr/bin/python3
"""Training throughput of dynnd's grouped AlexNet in plain PyTorch, the reference for dynnd's trainer.

The network of org.dynnd.models.net.GroupedAlexNet (G paths of five conv + batch norm + ReLU
layers, additive classifier logits_k = sum_{g<=k} W_g f_g + b_k), trained stage by stage the way
dynnd's StageTrainer does: stage k trains path k, W_k and b_k on the frozen groups' logits
(computed once, without gradients), SGD with momentum 0.9 and weight decay 5e-4, batch 128,
cross-entropy loss, on the first --images Fashion-MNIST training images (28x28 padded to 32x32,
grey repeated to 3 channels). Prints the median images/s over --runs epochs after one warm-up
epoch, per stage and for the dense network (--dense). Needs Debian's python3-torch:
    /usr/bin/python3 models/tools/torch_train_bench.py [--images 1280] [--runs 3] [--threads 1] [--dense]
models/tools/train_bench.sh runs it beside dynnd's trainer and says which BLAS it used.
"""
import argparse
import gzip
import os
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

WIDTHS = [64, 192, 384, 256, 256]
KERNELS = [5, 5, 3, 3, 3]
POOL_AFTER = [True, True, False, False, True]


def fashion_mnist(folder, count):
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 28, 28)[:count]
    with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:count]
    padded = np.zeros((len(images), 32, 32), dtype=np.float32)
    padded[:, 2:30, 2:30] = images / 255.0
    x = torch.from_numpy(np.repeat(padded[:, None], 3, axis=1))
    return x, torch.from_numpy(labels.astype(np.int64))


def path(groups, g):
    """Group g's five layers (channels split as GroupedAlexNet splits them), flattened."""
    layers, channels = [], 3
    for width, kernel, pool in zip(WIDTHS, KERNELS, POOL_AFTER):
        out = width // groups + (1 if g <= width % groups else 0)
        layers += [torch.nn.Conv2d(channels, out, kernel, padding=kernel // 2, bias=False),
                   torch.nn.BatchNorm2d(out, eps=1e-5), torch.nn.ReLU()]
        if pool:
            layers.append(torch.nn.MaxPool2d(2, 2))
        channels = out
    return torch.nn.Sequential(*layers, torch.nn.Flatten()), channels * 4 * 4


def epoch_rate(module, head, bias, x, y, frozen, batch):
    params = list(module.parameters()) + list(head.parameters()) + [bias]
    optimizer = torch.optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=5e-4)
    module.train()
    order = torch.randperm(len(x))
    start = time.perf_counter()
    for i in range(0, len(x), batch):
        idx = order[i:i + batch]
        logits = head(module(x[idx])) + bias
        if frozen is not None:
            logits = frozen[idx] + logits
        loss = F.cross_entropy(logits, y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return len(x) / (time.perf_counter() - start)


def median_rate(module, head, bias, x, y, frozen, batch, runs):
    rates = [epoch_rate(module, head, bias, x, y, frozen, batch) for _ in range(runs + 1)][1:]
    return statistics.median(rates), rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--images", type=int, default=1280)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--groups", type=int, default=4)
    parser.add_argument("--dense", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    x, y = fashion_mnist(args.data, args.images)
    print(f"PyTorch {torch.__version__}: {args.images} images per run, batch {args.batch}, "
          f"{args.threads} intra-op thread(s), median of {args.runs} runs")
    frozen = torch.zeros(len(x), 10)
    for k in range(1, args.groups + 1):
        module, features = path(args.groups, k)
        head = torch.nn.Linear(features, 10, bias=False)
        bias = torch.nn.Parameter(torch.zeros(10))
        rate, rates = median_rate(module, head, bias, x, y, frozen if k > 1 else None, args.batch, args.runs)
        print(f"stage {k}: {rate:.1f} images/s (runs: {[round(r) for r in rates]})")
        module.eval()
        with torch.no_grad():
            frozen = frozen + torch.cat([head(module(x[i:i + 250])) for i in range(0, len(x), 250)])
    if args.dense:
        module, features = path(1, 1)
        head = torch.nn.Linear(features, 10, bias=False)
        bias = torch.nn.Parameter(torch.zeros(10))
        rate, rates = median_rate(module, head, bias, x, y, None, args.batch, args.runs)
        print(f"dense: {rate:.1f} images/s (runs: {[round(r) for r in rates]})")


if __name__ == "__main__":
    main()
