"""Unit tests of spinnoise_torch's pieces that need no service and no ONNX Runtime (skipped without PyTorch)."""

import os
import struct
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

try:
    import torch
    import spinnoise_torch
except ImportError:  # python3-torch missing: .ci/install-deps installs it
    torch = None


class _Draw:
    def __init__(self, bits):
        self.hardware_bits = bits


class _Client:
    """Stands in for NoiseClient: consecutive integers as 'normals', 32 pool bits each."""

    def __init__(self):
        self.next = 0

    def normals(self, shape, mode="trng"):
        count = int(np.prod(shape))
        values = np.arange(self.next, self.next + count, dtype=np.float32).reshape(shape)
        self.next += count
        self.last_draw = _Draw(32 * count)
        return values


@unittest.skipIf(torch is None, "python3-torch is not installed")
class SpinnoiseTorchTest(unittest.TestCase):
    def test_a_reply_payload_becomes_a_tensor_of_its_shape_or_is_refused(self):
        payload = struct.pack("<6f", 0.5, -1.0, 2.0, 0.0, 3.25, -0.125)
        tensor = spinnoise_torch.tensor_from_reply(payload, (1, 2, 3))
        self.assertEqual(tensor.dtype, torch.float32)
        self.assertEqual(tuple(tensor.shape), (1, 2, 3))
        self.assertEqual(tensor.flatten().tolist(), [0.5, -1.0, 2.0, 0.0, 3.25, -0.125])
        with self.assertRaises(ValueError):
            spinnoise_torch.tensor_from_reply(payload, (2, 2, 2))

    def test_pool_noise_fills_in_c_order_in_draw_order_and_counts_what_it_drew(self):
        noise = spinnoise_torch.PoolNoise(_Client(), mode="trng")
        first = noise((2, 1, 2, 2))
        second = noise.like(first.double())
        self.assertEqual(first[1, 0, 0, 1].item(), 5.0)  # NCHW, C order: image 1 starts at value 4
        self.assertEqual(second.dtype, torch.float64)
        self.assertEqual(second.flatten()[0].item(), 8.0)  # the next draw continues the stream
        self.assertEqual(noise.normals, 16)
        self.assertEqual(noise.hardware_bits, 16 * 32)

    def test_ddim_timesteps_are_the_java_samplers_trailing_ones(self):
        self.assertEqual(spinnoise_torch.ddim_timesteps(1000, 10)[:3], [999, 899, 799])
        self.assertEqual(spinnoise_torch.ddim_timesteps(1000, 10)[-1], 99)
        self.assertEqual(spinnoise_torch.ddim_timesteps(7, 7), [6, 5, 4, 3, 2, 1, 0])

    def test_schedule_metadata_lists_the_betas_exactly(self):
        betas = spinnoise_torch.linear_betas(5, 1e-4, 0.02)
        metadata = spinnoise_torch.schedule_metadata(betas, (1, 28, 28), "line one\nline two")
        self.assertEqual(metadata["spinnoise.schedule"], "betas")
        self.assertEqual(metadata["spinnoise.timesteps"], "5")
        self.assertEqual([float(b) for b in metadata["spinnoise.betas"].split(",")], betas.tolist())
        self.assertEqual(metadata["spinnoise.image"], "1x28x28")
        self.assertEqual(metadata["spinnoise.description"], "line one line two")

    def test_metadata_is_appended_as_model_proto_field_14(self):
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "spinnoise-metadata-test-%d.bin" % os.getpid())
        try:
            with open(path, "wb") as f:
                f.write(b"")
            spinnoise_torch.add_metadata(path, {"k": "v"})
            with open(path, "rb") as f:
                # tag 14 length-delimited (0x72), 6 bytes: key (field 1) "k", value (field 2) "v"
                self.assertEqual(f.read(), bytes([0x72, 6, 0x0A, 1, ord("k"), 0x12, 1, ord("v")]))
        finally:
            os.remove(path)


if __name__ == "__main__":
    unittest.main()
