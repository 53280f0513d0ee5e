#!/usr/bin/env python3
"""The built-in spinnoise U-Net rebuilt in PyTorch, timed the way 'spinnoise bench sampler' times the Java kernels.

Reads a weights file as 'spinnoise export-weights' writes it (magic SPNCKPT1, 4-byte big-endian header length, JSON
header, little-endian float32 arrays, SHA-256), rebuilds the network from the header's model settings in the same
parameter order as org.spinnoise.diffusion.nn.UNet, and either
  --serve   reads lines "time BATCH THREADS CALLS" on stdin and answers each with one JSON line of the wall and CPU
            (process) seconds of that many calls (the bench interleaves these rounds with its own), and lines
            "check IMAGES TIMESTEPS OUT" as --check below, or
  --check X runs the network on the images in file X (float32, image-major) at the timesteps --timesteps and writes
            the predicted noise to --out, so a caller can compare it with the Java forward.
Needs only torch (Debian: apt-get install python3-torch). The forward runs under torch.inference_mode on a module
traced and frozen by TorchScript (the fastest CPU path of torch 1.13 without extra packages).
"""
import argparse
import array
import hashlib
import json
import math
import struct
import sys
import time

import torch
import torch.nn.functional as F

MAGIC = b"SPNCKPT1"


def read_weights(path, name):
    data = open(path, "rb").read()
    if data[:8] != MAGIC:
        sys.exit(f"{path}: not a spinnoise weights file (no SPNCKPT1 magic); write one with 'spinnoise export-weights'")
    if hashlib.sha256(data[:-32]).digest() != data[-32:]:
        sys.exit(f"{path}: SHA-256 does not match; the file is damaged")
    length = struct.unpack(">I", data[8:12])[0]
    header = json.loads(data[12:12 + length])
    offset = 12 + length
    for entry in header["arrays"]:
        count = entry["length"]
        if entry["name"] == name:
            values = torch.frombuffer(bytearray(data[offset:offset + 4 * count]), dtype=torch.float32)
            return header["settings"], values
        offset += 4 * count
    sys.exit(f"{path}: no array called {name}")


class Params:
    """Hands out consecutive slices of the flat array, in the order UNet's constructor allocates them."""

    def __init__(self, values):
        self.values = values
        self.offset = 0

    def take(self, *shape):
        count = math.prod(shape)
        piece = self.values[self.offset:self.offset + count].reshape(shape).clone()
        self.offset += count
        return torch.nn.Parameter(piece, requires_grad=False)


class Conv(torch.nn.Module):
    def __init__(self, p, cin, cout, kernel, stride):
        super().__init__()
        self.weight = p.take(cout, cin, kernel, kernel)
        self.bias = p.take(cout)
        self.stride = stride
        self.pad = kernel // 2

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride, self.pad)


class Norm(torch.nn.Module):
    def __init__(self, p, channels, groups):
        super().__init__()
        self.gamma = p.take(channels)
        self.beta = p.take(channels)
        self.groups = groups

    def forward(self, x):
        return F.group_norm(x, self.groups, self.gamma, self.beta, 1e-5)


class Linear(torch.nn.Module):
    def __init__(self, p, fin, fout):
        super().__init__()
        self.weight = p.take(fin, fout)  # stored [in][out]: y = x·W + b
        self.bias = p.take(fout)

    def forward(self, x):
        return torch.addmm(self.bias, x, self.weight)


class ResBlock(torch.nn.Module):
    def __init__(self, p, cin, cout, groups, features):
        super().__init__()
        self.norm1 = Norm(p, cin, groups)
        self.conv1 = Conv(p, cin, cout, 3, 1)
        self.time = Linear(p, features, cout)
        self.norm2 = Norm(p, cout, groups)
        self.conv2 = Conv(p, cout, cout, 3, 1)
        self.skip = Conv(p, cin, cout, 1, 1) if cin != cout else None

    def forward(self, x, t):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time(t)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (x if self.skip is None else self.skip(x))


class UNet(torch.nn.Module):
    def __init__(self, settings, values):
        super().__init__()
        channels_in = int(settings["model.image"].split("x")[0])
        widths = [int(c) for c in settings["model.level_channels"].split(",")]
        groups = int(settings["model.groups"])
        self.sinusoid = int(settings["model.sinusoid"])
        features = int(settings["model.time_features"])
        p = Params(values)
        self.time1 = Linear(p, self.sinusoid, features)
        self.time2 = Linear(p, features, features)
        self.stem = Conv(p, channels_in, widths[0], 3, 1)
        self.down = torch.nn.ModuleList()
        self.downsample = torch.nn.ModuleList()
        c = widths[0]
        for i, w in enumerate(widths):
            self.down.append(ResBlock(p, c, w, groups, features))
            c = w
            if i < len(widths) - 1:
                self.downsample.append(Conv(p, c, c, 3, 2))
        self.middle = ResBlock(p, c, c, groups, features)
        up = [None] * len(widths)
        for i in reversed(range(len(widths))):
            up[i] = ResBlock(p, c + widths[i], widths[i], groups, features)
            c = widths[i]
        self.up = torch.nn.ModuleList(up)
        self.out_norm = Norm(p, c, groups)
        self.out_conv = Conv(p, c, channels_in, 3, 1)
        if p.offset != len(values):
            sys.exit(f"the weights hold {len(values)} values, this U-Net takes {p.offset}")
        half = self.sinusoid // 2
        # As TimeEmbedding.java: frequencies and angles in double, sin/cos rounded to float.
        self.register_buffer("frequencies", torch.exp(
            -math.log(10000.0) * torch.arange(half, dtype=torch.float64) / (half - 1)))

    def forward(self, x, timesteps):
        angle = timesteps.to(torch.float64)[:, None] * self.frequencies[None, :]
        emb = torch.cat([torch.sin(angle), torch.cos(angle)], dim=1).to(torch.float32)
        t = F.silu(self.time2(F.silu(self.time1(emb))))
        h = self.stem(x)
        skips = []
        for i, block in enumerate(self.down):
            h = block(h, t)
            skips.append(h)
            if i < len(self.downsample):
                h = self.downsample[i](h)
        h = self.middle(h, t)
        for i in reversed(range(len(self.up))):
            h = self.up[i](torch.cat([h, skips[i]], dim=1), t)
            if i > 0:
                h = F.interpolate(h, scale_factor=2, mode="nearest")
        return self.out_conv(F.silu(self.out_norm(h)))


def image_shape(settings):
    return [int(v) for v in settings["model.image"].split("x")]


def frozen(model, batch, shape):
    """The TorchScript-traced, frozen module for one batch size (freezing folds the weights in as constants)."""
    x = torch.zeros(batch, *shape)
    t = torch.zeros(batch, dtype=torch.int64)
    with torch.inference_mode():
        traced = torch.jit.trace(model, (x, t), check_trace=False)
    return torch.jit.optimize_for_inference(torch.jit.freeze(traced.eval()))


def serve(model, settings):
    shape = image_shape(settings)
    modules = {}
    generator = torch.Generator().manual_seed(2)
    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if words[0] == "check":
            check(model, settings, words[1], words[2], words[3])
            print(json.dumps({"checked": words[3]}), flush=True)
            continue
        batch, threads, calls = (int(v) for v in words[1:])
        torch.set_num_threads(threads)
        if batch not in modules:
            modules[batch] = frozen(model, batch, shape)
        x = torch.randn(batch, *shape, generator=generator)
        t = torch.randint(0, 1000, (batch,), generator=generator)
        with torch.inference_mode():
            cpu_start = time.process_time()
            start = time.perf_counter()
            for _ in range(calls):
                modules[batch](x, t)
            wall = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
        print(json.dumps({"batch": batch, "threads": threads, "calls": calls, "wall_s": wall, "cpu_s": cpu}),
              flush=True)


def check(model, settings, images_path, timesteps, out_path):
    shape = image_shape(settings)
    t = torch.tensor([int(v) for v in timesteps.split(",")], dtype=torch.int64)
    x = torch.frombuffer(bytearray(open(images_path, "rb").read()), dtype=torch.float32).reshape(len(t), *shape)
    with torch.inference_mode():
        eps = frozen(model, len(t), shape)(x, t)
    values = array.array("f", eps.flatten().tolist())
    if sys.byteorder != "little":
        values.byteswap()
    open(out_path, "wb").write(values.tobytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", required=True, help="weights file from 'spinnoise export-weights'")
    parser.add_argument("--array", default="ema", help="array to load (default: ema)")
    parser.add_argument("--serve", action="store_true", help="answer timing requests on stdin")
    parser.add_argument("--check", metavar="IMAGES", help="float32 images to run the network on")
    parser.add_argument("--timesteps", help="comma-separated timesteps, one per image, with --check")
    parser.add_argument("--out", help="where --check writes the predicted noise (float32)")
    args = parser.parse_args()
    settings, values = read_weights(args.weights, args.array)
    if settings.get("model.kind", "unet") != "unet":
        sys.exit(f"{args.weights}: model.kind {settings['model.kind']} is not the U-Net")
    model = UNet(settings, values).eval()
    if args.serve:
        serve(model, settings)
    elif args.check:
        check(model, settings, args.check, args.timesteps, args.out)
    else:
        parser.error("give --serve or --check")


if __name__ == "__main__":
    main()
