"""A DDPM-style sampling loop whose every noise draw comes from the spinnoise noise service.

Run ``spinnoise serve`` first (see README.md), then:

    /usr/bin/python3 example_sampling_loop.py --endpoint tcp://127.0.0.1:5555 --mode trng

The loop is the ancestral sampler of Ho et al. (2020): x_T ~ N(0, I), then for t = T .. 1

    x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) * eps_hat(x_t, t)) / sqrt(alpha_t) + sigma_t * z,   z ~ N(0, I)

with z = 0 at the last step. The noise of x_T and the z of each step is what the service supplies: one
``client.normals(shape)`` call per scheduler step, exactly where a diffusers user would call ``torch.randn`` (or pass
the draw as ``variance_noise``/``noise``). The denoiser here is the exact noise predictor for Gaussian data
x_0 ~ N(mu, s^2), so the example needs no trained network and can check itself: the samples it makes must have
mean mu and standard deviation s. Swap ``eps_hat`` for your model to use the same loop for real.

With ``--torch`` the noise arrives as torch tensors through ``torch_normals`` (PyTorch must be installed); without it
the loop is pure numpy.
"""

import argparse
import sys

import numpy as np

from spinnoise_client import NoiseClient, torch_normals


def linear_schedule(steps, beta_start=1e-4, beta_end=0.02, trained_steps=1000):
    """DDPM's linear schedule of ``trained_steps``, respaced to ``steps`` (as improved-diffusion does): keeps the
    cumulative products abar at evenly spaced steps and derives each step's beta from them."""
    abar_full = np.cumprod(1.0 - np.linspace(beta_start, beta_end, trained_steps, dtype=np.float64))
    abar = abar_full[np.round(np.linspace(0, trained_steps - 1, steps)).astype(int)]
    alphas = abar / np.concatenate(([1.0], abar[:-1]))
    return 1.0 - alphas, alphas, abar


def eps_hat(x_t, abar_t, mu, s):
    """E[eps | x_t] for data x_0 ~ N(mu, s^2) and x_t = sqrt(abar) x_0 + sqrt(1 - abar) eps."""
    return np.sqrt(1.0 - abar_t) * (x_t - np.sqrt(abar_t) * mu) / (abar_t * s * s + 1.0 - abar_t)


def expected_moments(steps, mu, s):
    """Mean and standard deviation of what this loop outputs, exactly: with Gaussian data and the exact predictor
    every step is x_{t-1} = a x_t + b + sigma z, so the moments follow by recursion from x_T ~ N(0, 1)."""
    betas, alphas, abar = linear_schedule(steps)
    mean, var = 0.0, 1.0
    for t in range(steps - 1, -1, -1):
        k = np.sqrt(1.0 - abar[t]) / (abar[t] * s * s + 1.0 - abar[t])
        c = betas[t] / np.sqrt(1.0 - abar[t])
        a = (1.0 - c * k) / np.sqrt(alphas[t])
        b = c * k * np.sqrt(abar[t]) * mu / np.sqrt(alphas[t])
        sigma2 = betas[t] * (1.0 - abar[t - 1]) / (1.0 - abar[t]) if t > 0 else 0.0
        mean, var = a * mean + b, a * a * var + sigma2
    return mean, np.sqrt(var)


def sample(client, shape, steps, mode, mu, s, use_torch=False):
    """Runs the loop; returns the samples and the pool bits its noise used."""
    betas, alphas, abar = linear_schedule(steps)

    def noise():
        if use_torch:
            return torch_normals(client, shape, mode=mode).numpy().astype(np.float64)
        return client.normals(shape, mode=mode).astype(np.float64)

    hardware_bits = 0
    x = noise()  # x_T
    hardware_bits += client.last_draw.hardware_bits
    for t in range(steps - 1, -1, -1):
        mean = (x - betas[t] / np.sqrt(1.0 - abar[t]) * eps_hat(x, abar[t], mu, s)) / np.sqrt(alphas[t])
        if t > 0:
            sigma = np.sqrt(betas[t] * (1.0 - abar[t - 1]) / (1.0 - abar[t]))  # the posterior variance
            x = mean + sigma * noise()
            hardware_bits += client.last_draw.hardware_bits
        else:
            x = mean
    return x, hardware_bits


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="tcp://127.0.0.1:5555")
    parser.add_argument("--mode", default="trng", choices=["trng", "drbg", "prng"])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--pixels", type=int, default=64, help="values per sample (an 8x8 'image')")
    parser.add_argument("--torch", action="store_true", help="take the noise as torch tensors")
    args = parser.parse_args(argv)

    mu, s = 0.5, 0.2
    with NoiseClient(args.endpoint) as client:
        x, bits = sample(client, (args.batch, args.pixels), args.steps, args.mode, mu, s, args.torch)
    normals = args.batch * args.pixels * args.steps
    print("mode=%s steps=%d normals=%d hardware_bits=%d" % (args.mode, args.steps, normals, bits))
    want_mean, want_std = expected_moments(args.steps, mu, s)
    print("sample_mean=%.4f sample_std=%.4f (this %d-step sampler gives %.4f and %.4f; the data %.2f and %.2f)"
          % (x.mean(), x.std(), args.steps, want_mean, want_std, mu, s))
    # Five standard errors: a loop fed wrong noise (scaled, biased, repeated) lands far outside.
    n = x.size
    ok = abs(x.mean() - want_mean) < 5 * want_std / np.sqrt(n) and abs(x.std() - want_std) < 5 * want_std / np.sqrt(2 * n)
    print("check=" + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
