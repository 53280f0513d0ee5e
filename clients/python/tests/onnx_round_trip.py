"""Fixtures for the Java ONNX tests (OnnxRoundTripTest, SampleOnnxCommandTest): a small ε-network built and exported
here, the same x_T and noise as raw float32 files, and one DDPM and one DDIM (eta = 1) step computed in PyTorch.

    /usr/bin/python3 onnx_round_trip.py OUT_DIR [--only-model]

Writes into OUT_DIR: eps-net.onnx (dynamic batch, int64 timesteps [N], schedule metadata), eps-net-fixed.onnx (the
same weights, batch fixed at 1, float32 timesteps, no metadata), eps-net-batch2.onnx (batch fixed at 2, int64
timesteps, no metadata), x.bin and z.bin (2 x 1 x 28 x 28 float32 little
endian), eps.bin (the network's ε at x_T, t = T - 1), ddpm.bin (x after one DDPM step from t = T - 1 with z) and
ddim.bin (after one DDIM step, S = 10, eta = 1, with z); and three models spinnoise must refuse: bad-flat.onnx
(images flattened to [N, 784]), bad-variance.onnx (outputs 2 channels: ε and a learned variance) and
bad-timestep.onnx (timesteps [N, 1]). Prints KEY=VALUE lines.
"""

import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import spinnoise_torch  # noqa: E402

SHAPE = (1, 28, 28)
BATCH = 2
DDIM_STEPS = 10


class TinyEpsNet(torch.nn.Module):
    """A few convolutions with a sinusoidal timestep embedding added to the hidden features."""

    def __init__(self, out_channels=1, hidden=8, embedding=16):
        super().__init__()
        self.embedding = embedding
        self.conv_in = torch.nn.Conv2d(1, hidden, 3, padding=1)
        self.time = torch.nn.Linear(embedding, hidden)
        self.conv_mid = torch.nn.Conv2d(hidden, hidden, 3, padding=1)
        self.conv_out = torch.nn.Conv2d(hidden, out_channels, 3, padding=1)

    def forward(self, x, t):
        half = self.embedding // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        angles = t.to(torch.float32).reshape(-1, 1) * freqs.reshape(1, -1)
        emb = self.time(torch.cat([torch.sin(angles), torch.cos(angles)], dim=1))
        h = torch.nn.functional.silu(self.conv_in(x)) + emb.reshape(emb.shape[0], -1, 1, 1)
        h = torch.nn.functional.silu(self.conv_mid(h))
        return self.conv_out(h)


class Flat(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.down = torch.nn.Linear(784, 4)
        self.up = torch.nn.Linear(4, 784)

    def forward(self, x, t):
        return self.up(self.down(x)) + t.to(torch.float32).reshape(-1, 1)


class ColumnTimesteps(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x, t):
        return self.net(x, t.reshape(-1))


def write(path, tensor):
    tensor.detach().to(torch.float32).numpy().astype("<f4").tofile(path)


def export_plain(model, path, example, dynamic=True):
    axes = {"x": {0: "N"}, "t": {0: "N"}, "eps": {0: "N"}} if dynamic else None
    torch.onnx.export(model, example, path, input_names=["x", "t"], output_names=["eps"], dynamic_axes=axes,
                      opset_version=13)


def main(out, only_model):
    torch.manual_seed(19)
    net = TinyEpsNet().eval()
    betas = spinnoise_torch.linear_betas()
    spinnoise_torch.export_onnx(net, os.path.join(out, "eps-net.onnx"), SHAPE, betas=betas,
                                description="TinyEpsNet of the spinnoise ONNX round-trip test")
    export_plain(net, os.path.join(out, "eps-net-fixed.onnx"),
                 (torch.zeros((1,) + SHAPE), torch.zeros((1,), dtype=torch.float32)), dynamic=False)
    print("torch=%s model=%s" % (torch.__version__, os.path.join(out, "eps-net.onnx")))
    if only_model:
        return 0
    export_plain(net, os.path.join(out, "eps-net-batch2.onnx"),
                 (torch.zeros((2,) + SHAPE), torch.zeros((2,), dtype=torch.int64)), dynamic=False)
    export_plain(Flat().eval(), os.path.join(out, "bad-flat.onnx"),
                 (torch.zeros(BATCH, 784), torch.zeros(BATCH, dtype=torch.int64)))
    export_plain(TinyEpsNet(out_channels=2).eval(), os.path.join(out, "bad-variance.onnx"),
                 (torch.zeros((BATCH,) + SHAPE), torch.zeros(BATCH, dtype=torch.int64)))
    export_plain(ColumnTimesteps(net).eval(), os.path.join(out, "bad-timestep.onnx"),
                 (torch.zeros((BATCH,) + SHAPE), torch.zeros(BATCH, 1, dtype=torch.int64)))

    generator = torch.Generator().manual_seed(7)
    x = torch.randn((BATCH,) + SHAPE, generator=generator)
    z = torch.randn((BATCH,) + SHAPE, generator=generator)
    write(os.path.join(out, "x.bin"), x)
    write(os.path.join(out, "z.bin"), z)
    last = len(betas) - 1
    ddpm, eps = spinnoise_torch.ddpm_step(net, x, last, betas, z)
    write(os.path.join(out, "eps.bin"), eps)
    write(os.path.join(out, "ddpm.bin"), ddpm)
    taus = spinnoise_torch.ddim_timesteps(len(betas), DDIM_STEPS)
    ddim, _ = spinnoise_torch.ddim_step(net, x, taus[0], taus[1], betas, 1.0, z)
    write(os.path.join(out, "ddim.bin"), ddim)
    print("ddim_from=%d ddim_to=%d eps_abs_mean=%.6f" % (taus[0], taus[1], eps.abs().mean().item()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--only-model" in sys.argv[2:]))
