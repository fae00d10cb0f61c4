"""The scripts of `ganscope --export-pytorch`, run under Debian's python3-torch: their networks compute what ganscope's
did on the probe points, they train every data kind, loss, optimizer and stabilizer the export writes, their metrics
agree with ganscope's, and a collapse preset and its fix behave in PyTorch as they do in ganscope, on several seeds.

    python3 tests/export/pytorch_export_test.py GANSCOPE_EXE [unittest arguments, e.g. ProbeTest]
"""
import os
import re
import subprocess
import sys
import tempfile
import unittest

GANSCOPE = None  # the program under test, from the command line
PYTHON = "/usr/bin/python3"  # Debian's interpreter, the one python3-torch is installed for
PROBE_TOLERANCE = 1e-9  # both sides evaluate in float64 (the issue asks 1e-5; measured about 1e-15)


def export(directory, name, steps, *settings, preset="ring8"):
    """Trains `steps` iterations headless (0: none), exports, and returns (script path, ganscope's summary)."""
    path = os.path.join(directory, name + ".py")
    command = [GANSCOPE, "--preset", preset, "--headless", "--steps", str(steps), "--export-pytorch", path]
    for setting in settings:
        command += ["--set", setting]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {done.returncode}: {done.stderr}")
    return path, done.stdout


def run_script(path, *arguments):
    """Runs an exported script; returns its stdout (fails the test on a non-zero exit)."""
    done = subprocess.run([PYTHON, path, *arguments], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    if done.returncode != 0:
        raise AssertionError(f"{path} {' '.join(arguments)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def probe_errors(output):
    """The two numbers of the script's probe line."""
    match = re.search(r"^probe: max \|D - D_ganscope\| = (\S+), max \|G - G_ganscope\| = (\S+)$", output, re.M)
    if match is None:
        raise AssertionError(f"no probe line in:\n{output}")
    return float(match.group(1)), float(match.group(2))


def final_metrics(output):
    """modes, modes total, high-quality fraction, JS and W1 from the final lines (modes None without modes)."""
    metrics = {}
    modes = re.search(r"^modes (\d+) / (\d+)  high quality (\S+) %  reverse KL (\S+)$", output, re.M)
    if modes:
        metrics.update(modes=int(modes.group(1)), total=int(modes.group(2)), high=float(modes.group(3)) / 100)
    js = re.search(r"^JS (\S+) nats \(.*\)  W1 (\S+) \((exact|sliced, 32 directions)\)$", output, re.M)
    if js is None:
        raise AssertionError(f"no JS/W1 line in:\n{output}")
    metrics.update(js=float(js.group(1)), w1=float(js.group(2)))
    return metrics


class ProbeTest(unittest.TestCase):
    """Each exported script rebuilds ganscope's networks exactly (probes within 1e-5) and trains a few iterations."""

    CASES = [
        # (name, preset, ganscope iterations before the export, settings)
        ("ring8_initial", "ring8", 0, []),
        ("ring8_adam_trained", "ring8", 300, []),
        ("grid25_spectral_pack", "grid25-fixed", 200, []),
        ("wgan_gp_r1_noise_simultaneous", "ring8", 100,
         ["loss=wgan-gp", "penalty.r1=1", "penalty.r2=0.5", "instance_noise=0.1", "instance_noise_anneal=1000",
          "update=simultaneous", "optimizer.d.kind=rmsprop", "optimizer.g.kind=momentum"]),
        ("wgan_clip_sgd_dsteps", "ring8", 100,
         ["loss=wgan", "optimizer.d.kind=sgd", "optimizer.d.lr=0.01", "d_steps=3", "g_steps=2"]),
        ("lsgan_tanh_uniform_latent", "ring8", 100,
         ["loss=lsgan", "generator.activation=tanh", "discriminator.activation=leaky_relu", "latent.dist=uniform"]),
        ("hinge_elu_sigmoid", "ring8", 100,
         ["loss=hinge", "generator.activation=elu", "discriminator.activation=sigmoid", "generator.hidden=[32,16,8]"]),
        ("minimax_linear_d", "ring8", 100, ["loss=minimax", "discriminator.hidden=[]"]),
        ("mixture_1d", "mixture-1d", 100, []),
        ("gaussian_1d", "gaussian-1d", 100, []),
        ("uniform_1d", "ring8", 50, ["data.kind=uniform1d"]),
        ("grid", "grid25", 50, []),
        ("gaussian", "ring8", 50, ["data.kind=gaussian"]),
        ("circle", "ring8", 50, ["data.kind=circle"]),
        ("spiral", "spiral", 50, []),
        ("moons", "moons", 50, []),
        ("swissroll", "ring8", 50, ["data.kind=swissroll"]),
        ("line", "ring8", 50, ["data.kind=line"]),
        ("uniform", "ring8", 50, ["data.kind=uniform"]),
        ("drawn_points", "ring8", 50, ["data.kind=points", "data.points=[0,0,1,1,-1,0.5,0.25,-2]", "data.std=0.05"]),
        # Conditional runs (Mirza & Osindero 2014): the probes' inputs carry one-hot classes beside x and z.
        ("conditional_ring8", "ring8-conditional", 200, []),
        ("conditional_pack_gp_r1_r2_noise", "ring8-conditional", 100,
         ["pack=2", "loss=wgan-gp", "penalty.r1=1", "penalty.r2=0.5", "instance_noise=0.1"]),
        ("conditional_spectral_simultaneous", "ring8-conditional", 100, ["spectral_norm=true", "update=simultaneous"]),
        ("conditional_grid_pack", "grid25-conditional", 100, ["pack=3"]),
        ("conditional_mixture_1d", "mixture-1d", 100, ["conditional=true"]),
        ("conditional_drawn_points", "ring8", 50,
         ["data.kind=points", "data.points=[0,0,1,1,-1,0.5,0.25,-2]", "data.point_classes=[0,1,1,2]", "data.std=0.05",
          "conditional=true"]),
    ]

    def test_every_case(self):
        with tempfile.TemporaryDirectory() as directory:
            for name, preset, steps, settings in self.CASES:
                with self.subTest(name=name):
                    path, _ = export(directory, name, steps, *settings, preset=preset)
                    output = run_script(path, "--steps", "5")
                    d_error, g_error = probe_errors(output)
                    self.assertLessEqual(d_error, PROBE_TOLERANCE)
                    self.assertLessEqual(g_error, PROBE_TOLERANCE)
                    self.assertRegex(output, rf"(?m)^\S+: 5 iterations in .* it/s\) from step {steps}$"
                                     if steps else r"(?m)^\S+: 5 iterations in .* it/s\)$")
                    self.assertIn(f"step {steps + 5}:  loss_d ", output)
                    final_metrics(output)


class PointsFileTest(unittest.TestCase):
    """A CSV point cloud is written into the script, so the script needs no file of ganscope's."""

    def test_csv_points(self):
        with tempfile.TemporaryDirectory() as directory:
            csv = os.path.join(directory, "points.csv")
            with open(csv, "w") as file:
                file.write("x,y\n" + "".join(f"{i * 0.1},{(i % 7) * 0.2}\n" for i in range(50)))
            path, _ = export(directory, "csv_points", 20, "data.kind=points", f"data.file={csv}")
            os.remove(csv)
            output = run_script(path, "--steps", "5")
            self.assertLessEqual(max(probe_errors(output)), PROBE_TOLERANCE)

    def test_csv_points_with_classes_conditional(self):
        with tempfile.TemporaryDirectory() as directory:
            csv = os.path.join(directory, "classes.csv")
            with open(csv, "w") as file:
                file.write("x,y,class\n" + "".join(f"{i * 0.1},{(i % 7) * 0.2},{i % 3}\n" for i in range(50)))
            path, _ = export(directory, "csv_classes", 20, "data.kind=points", f"data.file={csv}", "conditional=true")
            os.remove(csv)
            output = run_script(path, "--steps", "5")
            self.assertLessEqual(max(probe_errors(output)), PROBE_TOLERANCE)
            self.assertRegex(output, r"(?m)^class accuracy \S+ %$")


def class_accuracy(output):
    """The class accuracy of the final lines, as a fraction."""
    match = re.search(r"^class accuracy (\S+) %$", output, re.M)
    if match is None:
        raise AssertionError(f"no class accuracy line in:\n{output}")
    return float(match.group(1)) / 100


class MetricsAgreementTest(unittest.TestCase):
    """At the export's iteration the script measures what ganscope measured. Its random reference samples and latent
    batch are other draws, so the script's figures are averaged over seeds 1-3 and compared within a sampling
    margin: W1 of two sets of 2,500 samples moves by about 0.012 from seed to seed on this run (0.19 to 0.22 over
    seeds 1-5, measured), so 0.035; the same modes captured; high quality within 3 points; JS within 0.02."""

    def test_ring8_after_1500(self):
        with tempfile.TemporaryDirectory() as directory:
            path, summary = export(directory, "ring8", 1500)
            ours = final_metrics(summary)
            runs = [final_metrics(run_script(path, "--steps", "0", "--seed", str(seed))) for seed in (1, 2, 3)]
            mean = {key: sum(run[key] for run in runs) / len(runs) for key in ("high", "w1", "js")}
            self.assertEqual([run["modes"] for run in runs], [ours["modes"]] * 3)
            self.assertAlmostEqual(mean["high"], ours["high"], delta=0.03)
            self.assertAlmostEqual(mean["w1"], ours["w1"], delta=0.035)
            self.assertAlmostEqual(mean["js"], ours["js"], delta=0.02)

    def test_class_accuracy_of_ring8_conditional_after_150(self):
        """Part way to learning its labels (about 42 %), so a wrong one-hot or a wrong class rule shows: one seed's
        figure moves by about 1 point (sampling, p = 0.42 on 2,500 samples; measured 41.0-42.7 over seeds 1-3 against
        ganscope's 42.1), so the mean of three within 3 points."""
        with tempfile.TemporaryDirectory() as directory:
            path, summary = export(directory, "ring8_conditional", 150, preset="ring8-conditional")
            ours = class_accuracy(summary)
            runs = [class_accuracy(run_script(path, "--steps", "0", "--seed", str(seed))) for seed in (1, 2, 3)]
            self.assertAlmostEqual(sum(runs) / len(runs), ours, delta=0.03)


class CollapseTest(unittest.TestCase):
    """ring8-collapse collapses in PyTorch too, and ring8-pacgan, its PacGAN twin, covers the ring, on seeds 1-3."""

    def modes_after_demo(self, preset):
        with tempfile.TemporaryDirectory() as directory:
            path, _ = export(directory, preset.replace("-", "_"), 0, preset=preset)
            return [final_metrics(run_script(path, "--seed", str(seed)))["modes"] for seed in (1, 2, 3)]

    def test_collapse_keeps_at_most_half_the_modes(self):
        modes = self.modes_after_demo("ring8-collapse")
        self.assertTrue(all(m <= 4 for m in modes), f"modes after 4,000 iterations, seeds 1-3: {modes}")

    def test_pacgan_covers_nearly_all_modes(self):
        modes = self.modes_after_demo("ring8-pacgan")
        self.assertTrue(all(m >= 7 for m in modes), f"modes after 3,000 iterations, seeds 1-3: {modes}")

    def test_conditional_twin_covers_every_mode(self):
        """ring8-conditional trained from scratch in PyTorch (4,000 iterations): measured 8 of 8 modes and 100 % class
        accuracy on seeds 1-3, as in ganscope."""
        with tempfile.TemporaryDirectory() as directory:
            path, _ = export(directory, "ring8_conditional", 0, preset="ring8-conditional")
            outputs = [run_script(path, "--seed", str(seed)) for seed in (1, 2, 3)]
        modes = [final_metrics(output)["modes"] for output in outputs]
        accuracy = [class_accuracy(output) for output in outputs]
        self.assertTrue(all(m == 8 for m in modes), f"modes after 4,000 iterations, seeds 1-3: {modes}")
        self.assertTrue(all(a >= 0.95 for a in accuracy), f"class accuracy, seeds 1-3: {accuracy}")


if __name__ == "__main__":
    GANSCOPE = sys.argv.pop(1)
    unittest.main()
