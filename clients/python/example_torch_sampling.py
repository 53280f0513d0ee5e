"""A plain PyTorch DDPM/DDIM loop whose every Gaussian comes from the spinnoise noise service, as torch tensors.

Run ``spinnoise serve`` first (see README.md), then:

    /usr/bin/python3 example_torch_sampling.py --endpoint tcp://127.0.0.1:5555 --mode trng --sampler ddim --steps 10

The loop is spinnoise's own samplers written in PyTorch (``spinnoise_torch.ddpm_step``/``ddim_step``): x_T is one
``PoolNoise`` draw shaped like the batch [N, C, H, W], then each noisy step takes one more; the tensors are exactly
those ``spinnoise sample`` would take from the pool, in the same order. Its network is the exact ε-predictor for
Gaussian data x_0 ~ N(mu, s^2) written as a torch module, so the example needs no trained model and checks itself:
every step is then affine in x_t plus sigma z, so the mean and standard deviation the loop must produce follow by
recursion, and the samples must agree within five standard errors (``check=ok``); wrong noise (scaled, biased,
repeated) fails. ``--torchscript FILE`` runs a TorchScript ε-network ``model(x, t)`` of your own instead (no check).
"""

import argparse
import math
import sys

import torch

import spinnoise_torch
from spinnoise_client import NoiseClient


class GaussianDataEps(torch.nn.Module):
    """E[eps | x_t] for data x_0 ~ N(mu, s^2) and x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps."""

    def __init__(self, betas, mu, s):
        super().__init__()
        self.abar = spinnoise_torch.alpha_bars(betas)
        self.mu, self.s = mu, s

    def forward(self, x, t):
        ab = self.abar[t.long()].reshape(-1, *([1] * (x.dim() - 1))).to(torch.float64)
        eps = torch.sqrt(1.0 - ab) * (x.to(torch.float64) - torch.sqrt(ab) * self.mu) / (ab * self.s ** 2 + 1.0 - ab)
        return eps.to(torch.float32)


def plan(sampler, timesteps, steps):
    """(t, t_prev) pairs, noisiest first: every step for DDPM, the trailing DDIM spacing otherwise."""
    ts = list(range(timesteps - 1, -1, -1)) if sampler == "ddpm" else spinnoise_torch.ddim_timesteps(timesteps, steps)
    return [(t, ts[i + 1] if i + 1 < len(ts) else -1) for i, t in enumerate(ts)]


def step(model, sampler, x, t, t_prev, betas, eta, z, clip):
    if sampler == "ddpm":
        return spinnoise_torch.ddpm_step(model, x, t, betas, z, clip=clip)[0]
    return spinnoise_torch.ddim_step(model, x, t, t_prev, betas, eta, z, clip=clip)[0]


def noisy(sampler, t, t_prev, eta):
    return t > 0 if sampler == "ddpm" else eta > 0 and t_prev >= 0


def sample(model, noise, shape, sampler, betas, steps, eta, clip):
    """The loop: x_T and the z of every noisy step from ``noise`` (a PoolNoise)."""
    x = noise(shape)
    for t, t_prev in plan(sampler, len(betas), steps):
        z = noise(shape) if noisy(sampler, t, t_prev, eta) else None
        x = step(model, sampler, x, t, t_prev, betas, eta, z, clip)
    return x


def expected_moments(model, sampler, betas, steps, eta):
    """Mean and standard deviation the loop gives with the exact predictor: x_prev = a x_t + b + sigma z, with a and b
    read off the step itself (z = 0, x = 0 and x = 1) and sigma the step's noise scale."""
    mean, var = 0.0, 1.0
    abar = spinnoise_torch.alpha_bars(betas)
    zero, one = torch.zeros(1, 1), torch.ones(1, 1)
    for t, t_prev in plan(sampler, len(betas), steps):
        b = step(model, sampler, zero, t, t_prev, betas, eta, torch.zeros(1, 1), False).double().item()
        a = step(model, sampler, one, t, t_prev, betas, eta, torch.zeros(1, 1), False).double().item() - b
        sigma2 = 0.0
        if noisy(sampler, t, t_prev, eta):
            ab, ab_prev = abar[t].item(), abar[t_prev].item() if t_prev >= 0 else 1.0
            if sampler == "ddpm":
                sigma2 = betas[t].item() * (1.0 - ab_prev) / (1.0 - ab)
            else:
                sigma2 = eta * eta * (1 - ab_prev) / (1 - ab) * (1 - ab / ab_prev)
        mean, var = a * mean + b, a * a * var + sigma2
    return mean, math.sqrt(var)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="tcp://127.0.0.1:5555")
    parser.add_argument("--mode", default="trng", choices=["trng", "drbg", "prng"])
    parser.add_argument("--sampler", default="ddim", choices=["ddim", "ddpm"])
    parser.add_argument("--steps", type=int, default=10, help="DDIM steps (DDPM takes all T)")
    parser.add_argument("--eta", type=float, default=1.0, help="DDIM stochasticity")
    parser.add_argument("--timesteps", type=int, default=1000, help="T of the linear schedule")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--pixels", type=int, default=8, help="the images are 1 x PIXELS x PIXELS")
    parser.add_argument("--torchscript", help="your own TorchScript eps-network model(x, t) instead")
    args = parser.parse_args(argv)

    betas = spinnoise_torch.linear_betas(args.timesteps)
    shape = (args.batch, 1, args.pixels, args.pixels)
    mu, s = 0.5, 0.2
    own = args.torchscript is not None
    model = torch.jit.load(args.torchscript).eval() if own else GaussianDataEps(betas, mu, s)
    with NoiseClient(args.endpoint) as client:
        noise = spinnoise_torch.PoolNoise(client, mode=args.mode)
        # The self-check needs the sampler's exact moments, which clipping x_0 would change; your model keeps it.
        x = sample(model, noise, shape, args.sampler, betas, args.steps, args.eta, clip=own)
    print("mode=%s sampler=%s normals=%d hardware_bits=%d" % (args.mode, args.sampler, noise.normals,
                                                              noise.hardware_bits))
    if own:
        print("sample_mean=%.4f sample_std=%.4f" % (x.mean().item(), x.std().item()))
        return 0
    want_mean, want_std = expected_moments(model, args.sampler, betas, args.steps, args.eta)
    n = x.numel()
    got_mean, got_std = x.double().mean().item(), x.double().std().item()
    print("sample_mean=%.4f sample_std=%.4f (this sampler gives %.4f and %.4f; the data %.2f and %.2f)"
          % (got_mean, got_std, want_mean, want_std, mu, s))
    ok = abs(got_mean - want_mean) < 5 * want_std / math.sqrt(n) and abs(got_std - want_std) < 5 * want_std / math.sqrt(
        2 * n)
    print("check=" + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
