"""PyTorch side of spinnoise: pool noise as torch tensors, the samplers' steps, and export of an ε-network to ONNX.

* :class:`PoolNoise` turns the noise service's replies into torch tensors shaped like a sampler's noise ([N, C, H, W],
  float32, C order), in the order ``spinnoise sample`` draws them: x_T first, then one tensor per noisy step.
* :func:`ddpm_step` and :func:`ddim_step` are the steps of spinnoise's Java samplers (``DdpmSampler``,
  ``DdimSampler``), written in PyTorch, so a plain PyTorch loop and ``spinnoise sample`` compute the same thing from
  the same noise (the project's tests check one step of each to float32 rounding).
* :func:`export_onnx` writes a PyTorch ε-network as an ONNX model ``spinnoise sample --checkpoint FILE.onnx`` runs,
  with the noise schedule in the model's metadata (``spinnoise.*`` keys, see README-torch.md).

Needs PyTorch (Debian: ``apt-get install python3-torch``) and numpy; :class:`PoolNoise` also needs a client from
``spinnoise_client`` (pyzmq). Timesteps are 0-based indices: t = 0 is the least noisy step, T - 1 the noisiest.
"""

import math

import numpy as np
import torch

_FLOAT32_LE = np.dtype("<f4")

# ModelProto field 14 is metadata_props, StringStringEntryProto fields 1 and 2 are key and value (onnx/onnx.proto).
_METADATA_PROPS_FIELD = 14


def tensor_from_reply(payload, shape, device=None):
    """The payload of one ``normals`` reply (little-endian float32, as PROTOCOL.md beside the service says) as a
    float32 tensor of ``shape``; raises ValueError when the payload does not hold exactly that many values."""
    count = int(np.prod(shape))
    if len(payload) != 4 * count:
        raise ValueError("a reply of %d bytes holds %d float32 values, not the %d of shape %s"
                         % (len(payload), len(payload) // 4, count, tuple(shape)))
    tensor = torch.from_numpy(np.frombuffer(payload, dtype=_FLOAT32_LE).astype(np.float32).reshape(shape))
    return tensor.to(device) if device is not None else tensor


class PoolNoise:
    """Gaussian noise from the noise service as torch tensors, counting what it drew.

    ``noise(shape)`` (or ``noise.like(x)``) returns float32 N(0, 1) values of ``shape``, filled in C order from one
    ``client.normals`` draw, which is how the Java samplers fill their NCHW arrays: a loop that calls it once for x_T
    and once per noisy step uses the pool's values exactly as ``spinnoise sample`` does.
    """

    def __init__(self, client, mode="trng", device=None):
        self.client = client
        self.mode = mode
        self.device = device
        self.normals = 0
        self.hardware_bits = 0

    def __call__(self, shape, dtype=torch.float32):
        values = torch.from_numpy(self.client.normals(tuple(shape), mode=self.mode))
        self.normals += values.numel()
        self.hardware_bits += self.client.last_draw.hardware_bits
        values = values.to(dtype)
        return values.to(self.device) if self.device is not None else values

    def like(self, x):
        """Noise shaped like ``x``, on its device and in its dtype."""
        values = self(tuple(x.shape), dtype=x.dtype)
        return values.to(x.device)


def linear_betas(timesteps=1000, beta_start=1e-4, beta_end=0.02):
    """The linear schedule of Ho et al. (2020), float64: spinnoise's default for an ONNX model without metadata."""
    return torch.linspace(beta_start, beta_end, timesteps, dtype=torch.float64)


def alpha_bars(betas):
    """The running products abar_t = prod_{s <= t} (1 - beta_s), float64."""
    return torch.cumprod(1.0 - betas.to(torch.float64), dim=0)


def ddim_timesteps(timesteps, steps):
    """The timesteps DDIM visits, noisiest first, spaced "trailing" as DdimSampler does: tau_i = ceil((i+1) T / S) - 1."""
    return [((i + 1) * timesteps + steps - 1) // steps - 1 for i in range(steps)][::-1]


def _predict(model, x, t):
    steps = torch.full((x.shape[0],), int(t), dtype=torch.int64)
    with torch.no_grad():
        return model(x, steps).to(torch.float64)


def ddpm_step(model, x, t, betas, z=None, clip=True):
    """One DDPM ancestral step from x_t to x_{t-1} (DdpmSampler, posterior variance): returns (x_{t-1}, eps).

    ``z`` is the step's noise (shaped like x), required for t > 0 and unused at t = 0. The step is computed in float64
    from the float32 x and the model's float32 eps and rounded to float32, as the Java sampler does.
    """
    betas = betas.to(torch.float64)
    abar = alpha_bars(betas)
    eps = _predict(model, x, t)
    ab = abar[t].item()
    ab_prev = abar[t - 1].item() if t > 0 else 1.0
    beta = betas[t].item()
    x64 = x.to(torch.float64)
    x0 = (x64 - math.sqrt(1.0 - ab) * eps) / math.sqrt(ab)
    if clip:
        x0 = x0.clamp(-1.0, 1.0)
    coef_x0 = beta * math.sqrt(ab_prev) / (1.0 - ab)
    coef_xt = (1.0 - ab_prev) * math.sqrt(1.0 - beta) / (1.0 - ab)
    mean = coef_x0 * x0 + coef_xt * x64
    if t > 0:
        if z is None:
            raise ValueError("a DDPM step at t = %d > 0 needs its noise z" % t)
        sigma = math.sqrt(beta * (1.0 - ab_prev) / (1.0 - ab))
        mean = mean + sigma * z.to(torch.float64)
    return mean.to(torch.float32), eps.to(torch.float32)


def ddim_step(model, x, t, t_prev, betas, eta, z=None, clip=True):
    """One DDIM step from timestep t to t_prev (-1 after the last step) with stochasticity eta (DdimSampler): returns
    (x_prev, eps). ``z`` is the step's noise, needed when eta > 0 and t_prev >= 0."""
    betas = betas.to(torch.float64)
    abar = alpha_bars(betas)
    eps = _predict(model, x, t)
    ab = abar[t].item()
    ab_prev = abar[t_prev].item() if t_prev >= 0 else 1.0
    sigma = 0.0
    if eta > 0 and t_prev >= 0:
        if z is None:
            raise ValueError("a DDIM step with eta > 0 before the last needs its noise z")
        sigma = eta * math.sqrt((1 - ab_prev) / (1 - ab)) * math.sqrt(1 - ab / ab_prev)
    x64 = x.to(torch.float64)
    x0 = (x64 - math.sqrt(1 - ab) * eps) / math.sqrt(ab)
    e = eps
    if clip:
        clipped = x0.clamp(-1.0, 1.0)
        # Where x0 was clipped, eps is re-derived from it so the step stays on one trajectory (as DdimSampler does).
        e = torch.where(clipped != x0, (x64 - math.sqrt(ab) * clipped) / math.sqrt(1 - ab), eps)
        x0 = clipped
    nxt = math.sqrt(ab_prev) * x0 + math.sqrt(max(0.0, 1 - ab_prev - sigma * sigma)) * e
    if sigma > 0:
        nxt = nxt + sigma * z.to(torch.float64)
    return nxt.to(torch.float32), eps.to(torch.float32)


def _varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _length_delimited(field, payload):
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def add_metadata(path, metadata):
    """Adds ``metadata`` (str -> str) to the metadata_props of the ONNX model at ``path``, in place.

    Protocol buffers merge a message's fields in the order they come and append repeated ones, so entries appended to
    the end of the file are read as metadata_props: no ``onnx`` package is needed (Debian's python3-torch has none).
    """
    blob = bytearray()
    for key, value in metadata.items():
        entry = _length_delimited(1, str(key).encode("utf-8")) + _length_delimited(2, str(value).encode("utf-8"))
        blob += _length_delimited(_METADATA_PROPS_FIELD, entry)
    with open(path, "ab") as f:
        f.write(bytes(blob))


def schedule_metadata(betas, image_shape=None, description=None):
    """The ``spinnoise.*`` metadata for a model trained with ``betas``: the full list (repr of float64, so it reads
    back exactly), its length, and the image shape (C, H, W) when given."""
    values = [repr(float(b)) for b in betas.to(torch.float64).tolist()]
    metadata = {"spinnoise.schedule": "betas", "spinnoise.timesteps": str(len(values)),
                "spinnoise.betas": ",".join(values)}
    if image_shape is not None:
        metadata["spinnoise.image"] = "x".join(str(int(d)) for d in image_shape)
    if description:
        metadata["spinnoise.description"] = description.replace("\n", " ")
    return metadata


def export_onnx(model, path, image_shape, betas=None, timestep_dtype=torch.int64, opset=13, description=None):
    """Exports the ε-network ``model(x, t)`` to ONNX at ``path`` for ``spinnoise sample --checkpoint path``.

    ``x`` is float32 [N, C, H, W] with ``image_shape`` = (C, H, W), ``t`` is [N] of ``timestep_dtype`` (0-based
    indices), the output is ε shaped like x; the batch dimension N is dynamic. ``betas`` is the schedule the model was
    trained with (default: :func:`linear_betas`), written into the model's metadata with the image shape.
    """
    betas = linear_betas() if betas is None else torch.as_tensor(betas, dtype=torch.float64)
    was_training = model.training
    model.eval()
    example = (torch.zeros((2,) + tuple(image_shape), dtype=torch.float32),
               torch.zeros((2,), dtype=timestep_dtype))
    try:
        torch.onnx.export(model, example, str(path), input_names=["x", "t"], output_names=["eps"],
                          dynamic_axes={"x": {0: "N"}, "t": {0: "N"}, "eps": {0: "N"}}, opset_version=opset)
    finally:
        model.train(was_training)
    add_metadata(path, schedule_metadata(betas, image_shape, description))
    return path
