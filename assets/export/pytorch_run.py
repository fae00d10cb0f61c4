#!/usr/bin/env python3
# @@ The template of `ganscope --export-pytorch` (core/export/pytorch_export.h fills it in; CMakeLists.txt embeds it
# @@ in the program). Lines between "# @@if KIND ..." and "# @@end" are kept only for those data kinds; lines that
# @@ start with "# @@" are dropped; every @@NAME@@ is replaced by the run's numbers. The rest is copied as it is.
"""@@TITLE@@

@@SUMMARY@@

This script rebuilds that run in PyTorch and continues it: the same target distribution, the same two networks with
ganscope's weights (written at the end of this file exactly, with the optimizers' state), the same loss, penalties,
optimizers and stabilizers. It first checks that its networks compute what ganscope's did on fixed probe points,
then trains and prints the same final lines as `ganscope --headless`, measured on the same protocol.

    python3 @@FILE@@ [--steps N] [--seed S] [--plot FILE.png]

It needs torch and numpy; --plot also needs matplotlib. What differs from ganscope: the random numbers (PyTorch's
generator, not ganscope's), and spectral normalisation, where PyTorch runs one power iteration per forward pass of D
in training mode and ganscope one per update of D.
"""
import argparse
import copy
import math
import os
import sys
import time

# Small networks train fastest on one thread, and the thread pools of OpenMP and OpenBLAS wait by spinning, which on a
# busy machine slows every step many times over (measured: 14 against 300 iterations a second): one thread each,
# unless the environment says otherwise. Set before numpy and torch start their pools.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402 (after the thread settings)
import torch  # noqa: E402
from torch import nn  # noqa: E402

# [SECTION] The run's settings, as ganscope had them (the keys of its presets and of --set)

CONFIG = @@CONFIG@@

START_STEP = @@START_STEP@@  # the iteration ganscope had reached: training goes on from here
DIM = @@DIM@@  # the dimension of a sample (1 or 2)

# [SECTION] The target distribution

# @@if ring grid gaussian gaussian1d mixture1d
# @@if ring


def mixture_components(data):
    """The ring of Gaussians (Metz et al. 2016, "Unrolled GANs", §3.1): data.modes isotropic Gaussians of std
    data.std at the angles 2πk/K on a circle of radius data.radius, equally likely."""
    k = data["modes"]
    angle = 2.0 * math.pi * torch.arange(k, dtype=torch.float64) / k
    centres = data["radius"] * torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    return centres, torch.full((k,), float(data["std"]), dtype=torch.float64), torch.ones(k, dtype=torch.float64)
# @@end
# @@if grid


def mixture_components(data):
    """The grid of Gaussians (Srivastava et al. 2017, "VEEGAN", §5.1): data.modes × data.modes isotropic Gaussians
    of std data.std, data.spacing apart, centred on the origin, equally likely."""
    side = data["modes"]
    offsets = data["spacing"] * (torch.arange(side, dtype=torch.float64) - (side - 1) / 2.0)
    xs, ys = torch.meshgrid(offsets, offsets, indexing="ij")
    centres = torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1)
    count = side * side
    return centres, torch.full((count,), float(data["std"]), dtype=torch.float64), torch.ones(count, dtype=torch.float64)
# @@end
# @@if gaussian


def mixture_components(data):
    """One isotropic Gaussian of std data.std at the origin."""
    return (torch.zeros(1, 2, dtype=torch.float64), torch.tensor([float(data["std"])], dtype=torch.float64),
            torch.ones(1, dtype=torch.float64))
# @@end
# @@if gaussian1d


def mixture_components(data):
    """One Gaussian on the line: mean data.mean, std data.std."""
    return (torch.tensor([[float(data["mean"])]], dtype=torch.float64),
            torch.tensor([float(data["std"])], dtype=torch.float64), torch.ones(1, dtype=torch.float64))
# @@end
# @@if mixture1d


def mixture_components(data):
    """A mixture of Gaussians on the line: means data.means, stds data.stds, weights data.weights (normalised)."""
    return (torch.tensor(data["means"], dtype=torch.float64).reshape(-1, 1),
            torch.tensor(data["stds"], dtype=torch.float64), torch.tensor(data["weights"], dtype=torch.float64))
# @@end


MODE_CENTRES, MODE_STDS, MODE_WEIGHTS = mixture_components(CONFIG["data"])


def sample_data_with_classes(n, gen):
    """n samples of the target, one per row (n × DIM), and their classes: a component chosen by its weight (the
    class, a conditional GAN's label y), plus its Gaussian noise."""
    k = torch.multinomial(MODE_WEIGHTS, n, replacement=True, generator=gen)
    noise = torch.randn(n, DIM, generator=gen, dtype=torch.float64)
    return (MODE_CENTRES[k] + MODE_STDS[k, None] * noise).float(), k


def sample_data(n, gen):
    """n samples of the target, one per row (n × DIM): a component chosen by its weight, plus its Gaussian noise."""
    return sample_data_with_classes(n, gen)[0]


def sample_classes(n, gen):
    """n classes drawn from the class prior, the mixture's weights (the labels of a conditional G step)."""
    return torch.multinomial(MODE_WEIGHTS, n, replacement=True, generator=gen)


def class_count():
    """The classes of the data: one per mixture component."""
    return len(MODE_WEIGHTS)


def class_of(samples):
    """The class of each sample (rows of a float64 array): its nearest mode by distance in units of that mode's σ, as
    ganscope's class accuracy has it."""
    centres = MODE_CENTRES.float().double().numpy()
    variances = MODE_STDS.float().double().numpy() ** 2
    squared = ((samples[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2) / variances[None, :]
    return np.argmin(np.nan_to_num(squared, nan=np.inf), axis=1)
# @@end
# @@if circle


def sample_data(n, gen):
    """Two concentric circles, of radius data.radius and half of it, half the samples on each (FFJORD's toy_data.py,
    Grathwohl et al. 2019: sklearn's make_circles(factor=0.5)), plus N(0, data.std²) noise."""
    data = CONFIG["data"]
    r = torch.where(torch.rand(n, generator=gen) < 0.5, 1.0, 0.5) * data["radius"]
    angle = 2.0 * math.pi * torch.rand(n, generator=gen)
    points = torch.stack([r * torch.cos(angle), r * torch.sin(angle)], dim=1)
    return points + data["std"] * torch.randn(n, 2, generator=gen)
# @@end
# @@if spiral


def sample_data(n, gen):
    """Two interleaved spirals (FFJORD's "2spirals", Grathwohl et al. 2019), scaled by data.radius / π, plus
    N(0, data.std²) noise."""
    data = CONFIG["data"]
    t = torch.sqrt(torch.rand(n, generator=gen)) * 3.0 * math.pi
    x = -torch.cos(t) * t + 0.5 * torch.rand(n, generator=gen)
    y = torch.sin(t) * t + 0.5 * torch.rand(n, generator=gen)
    sign = torch.where(torch.rand(n, generator=gen) < 0.5, 1.0, -1.0)
    points = (sign * data["radius"] / math.pi / 3.0)[:, None] * torch.stack([x, y], dim=1)
    return points + data["std"] * torch.randn(n, 2, generator=gen)
# @@end
# @@if moons


def sample_data(n, gen):
    """Two moons (FFJORD's "moons": sklearn's make_moons), scaled by data.radius and centred, plus N(0, data.std²)
    noise."""
    data = CONFIG["data"]
    t = math.pi * torch.rand(n, generator=gen)
    upper = torch.rand(n, generator=gen) < 0.5
    x = torch.where(upper, torch.cos(t), 1.0 - torch.cos(t))
    y = torch.where(upper, torch.sin(t), 0.5 - torch.sin(t))
    points = data["radius"] * torch.stack([x - 0.5, y - 0.1], dim=1)
    return points + data["std"] * torch.randn(n, 2, generator=gen)
# @@end
# @@if swissroll


def sample_data(n, gen):
    """The Swiss roll of WGAN-GP's gan_toy.py (Gulrajani et al. 2017): t = 1.5π(1 + 2u), the point t·(cos t, sin t)
    scaled by data.radius / 4.5π, plus N(0, data.std²) noise."""
    data = CONFIG["data"]
    t = 1.5 * math.pi * (1.0 + 2.0 * torch.rand(n, generator=gen))
    points = (data["radius"] / (4.5 * math.pi)) * t[:, None] * torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    return points + data["std"] * torch.randn(n, 2, generator=gen)
# @@end
# @@if line


def sample_data(n, gen):
    """A horizontal segment from (−data.radius, 0) to (data.radius, 0), uniform along it, plus N(0, data.std²)
    noise."""
    data = CONFIG["data"]
    x = data["radius"] * (2.0 * torch.rand(n, generator=gen) - 1.0)
    points = torch.stack([x, torch.zeros(n)], dim=1)
    return points + data["std"] * torch.randn(n, 2, generator=gen)
# @@end
# @@if uniform uniform1d


def sample_data(n, gen):
    """Uniform on [data.low, data.high]^DIM."""
    data = CONFIG["data"]
    return data["low"] + (data["high"] - data["low"]) * torch.rand(n, DIM, generator=gen)
# @@end
# @@if points


def sample_data_with_classes(n, gen):
    """The user's points (drawn in ganscope's window or read from its CSV file, written below as DATA_POINTS): a
    point chosen uniformly, plus N(0, data.std²) jitter; and the chosen points' classes (DATA_CLASSES, when the
    points have classes)."""
    points = torch.tensor(DATA_POINTS, dtype=torch.float32).reshape(-1, DIM)
    index = torch.randint(len(points), (n,), generator=gen)
    chosen = points[index]
    classes = torch.tensor(DATA_CLASSES, dtype=torch.int64)[index] if DATA_CLASSES else None
    return chosen + CONFIG["data"]["std"] * torch.randn(n, DIM, generator=gen), classes


def sample_data(n, gen):
    """The user's points plus jitter, as sample_data_with_classes draws them."""
    return sample_data_with_classes(n, gen)[0]


def sample_classes(n, gen):
    """n classes drawn from the class prior: the classes of uniformly chosen points."""
    return torch.tensor(DATA_CLASSES, dtype=torch.int64)[torch.randint(len(DATA_CLASSES), (n,), generator=gen)]


def class_count():
    """The classes of the points: the largest + 1 (0 without classes)."""
    return max(DATA_CLASSES) + 1 if DATA_CLASSES else 0


def class_of(samples):
    """The class of each sample (rows of a float64 array): the class of the nearest point, as ganscope's class
    accuracy has it."""
    points = np.asarray(DATA_POINTS, dtype=np.float32).reshape(-1, DIM).astype(np.float64)
    squared = ((samples[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    return np.asarray(DATA_CLASSES)[np.argmin(np.nan_to_num(squared, nan=np.inf), axis=1)]
# @@end


def conditional_classes():
    """K, the height of the one-hot block of a conditional run (Mirza & Osindero 2014): G reads [z; onehot(y)] and D
    [x; onehot(y)] per sample; 0 for an unconditional run."""
    return class_count() if CONFIG["conditional"] else 0


def labelled(x, labels):
    """[x; onehot(y)] per row for a conditional run (labels given), x itself otherwise."""
    if labels is None:
        return x
    return torch.cat([x, nn.functional.one_hot(labels, conditional_classes()).to(x.dtype)], dim=1)


def sample_latent(n, gen):
    """n latent vectors z, one per row: N(0, I) or U[−1, 1]^d as latent.dist says."""
    latent = CONFIG["latent"]
    if latent["dist"] == "gaussian":
        return torch.randn(n, latent["dim"], generator=gen)
    return 2.0 * torch.rand(n, latent["dim"], generator=gen) - 1.0


# [SECTION] The networks: fully connected, hidden activations as configured, a linear output layer

def leaky_relu():
    """LeakyReLU with the negative slope 0.2 of GAN practice since DCGAN (Radford et al. 2016)."""
    return nn.LeakyReLU(0.2)


ACTIVATIONS = {"relu": nn.ReLU, "leaky_relu": leaky_relu, "tanh": nn.Tanh, "elu": nn.ELU, "sigmoid": nn.Sigmoid,
               "identity": nn.Identity}


def make_mlp(input_dim, hidden, output_dim, activation):
    """x → f(W_1 x + b_1) → … → W_L a + b_L, with f the named activation after every hidden layer."""
    layers, width = [], input_dim
    for units in hidden:
        layers += [nn.Linear(width, units), ACTIVATIONS[activation]()]
        width = units
    layers.append(nn.Linear(width, output_dim))
    return nn.Sequential(*layers)


def linear_layers(net):
    """The network's linear layers, first to last."""
    return [module for module in net if isinstance(module, nn.Linear)]


def make_generator():
    """G: latent.dim (+ the one-hot class of a conditional run) → the data's dimension."""
    return make_mlp(CONFIG["latent"]["dim"] + conditional_classes(), CONFIG["generator"]["hidden"], DIM,
                    CONFIG["generator"]["activation"])


def make_discriminator():
    """D: a pack of `pack` samples (PacGAN, Lin et al. 2018), pack × DIM inputs (pack × (DIM + K) for a conditional
    run: each sample with its one-hot class) → one logit or critic score. With
    spectral_norm every weight matrix is divided by its largest singular value (Miyato et al. 2018), PyTorch's own
    parametrization: one power iteration per forward pass in training mode, none in eval mode."""
    net = make_mlp((DIM + conditional_classes()) * CONFIG["pack"], CONFIG["discriminator"]["hidden"], 1,
                   CONFIG["discriminator"]["activation"])
    if CONFIG["spectral_norm"]:
        for layer in linear_layers(net):
            nn.utils.parametrizations.spectral_norm(layer)
    return net


def raw_weight(layer):
    """The weight the optimizer updates: the parametrized original under spectral normalisation."""
    return layer.parametrizations.weight.original if CONFIG["spectral_norm"] else layer.weight


@torch.no_grad()
def load_weights(net, layers, spectral=None):
    """Copies ganscope's weights into `net`: one {"weight": out × in rows, "bias": out} per linear layer; for D under
    spectral normalisation also ganscope's power-iteration vectors u and v of each layer."""
    for index, (layer, numbers) in enumerate(zip(linear_layers(net), layers)):
        weight = raw_weight(layer) if spectral is not None else layer.weight
        weight.copy_(torch.tensor(numbers["weight"], dtype=torch.float32))
        layer.bias.copy_(torch.tensor(numbers["bias"], dtype=torch.float32))
        if spectral is not None:
            norm = layer.parametrizations.weight[0]
            norm._u.copy_(torch.tensor(spectral[index]["u"], dtype=torch.float32))
            norm._v.copy_(torch.tensor(spectral[index]["v"], dtype=torch.float32))


# [SECTION] The losses, on D's raw outputs d (logits for minimax and nonsaturating, critic scores otherwise)

softplus = nn.functional.softplus  # log(1 + e^t)


def discriminator_loss(d_real, d_fake):
    """L_D of the configured loss (ganscope's core/gan/gan_loss.h cites each)."""
    loss = CONFIG["loss"]
    if loss in ("minimax", "nonsaturating"):  # Goodfellow et al. 2014, eq. 1
        return softplus(-d_real).mean() + softplus(d_fake).mean()
    if loss in ("wgan", "wgan-gp"):  # Arjovsky et al. 2017; Gulrajani et al. 2017 (its penalty is added below)
        return d_fake.mean() - d_real.mean()
    if loss == "lsgan":  # Mao et al. 2017, the 0-1 coding
        return ((d_real - 1.0) ** 2).mean() + (d_fake ** 2).mean()
    if loss == "hinge":  # Lim & Ye 2017; Miyato et al. 2018
        return torch.relu(1.0 - d_real).mean() + torch.relu(1.0 + d_fake).mean()
    raise ValueError(f"unknown loss {loss!r}")


def generator_loss(d_fake):
    """L_G of the configured loss."""
    loss = CONFIG["loss"]
    if loss == "minimax":  # Goodfellow et al. 2014, eq. 1: G minimises log(1 − D(G(z)))
        return -softplus(d_fake).mean()
    if loss == "nonsaturating":  # Goodfellow et al. 2014, §3: G maximises log D(G(z))
        return softplus(-d_fake).mean()
    if loss in ("wgan", "wgan-gp", "hinge"):
        return -d_fake.mean()
    if loss == "lsgan":
        return ((d_fake - 1.0) ** 2).mean()
    raise ValueError(f"unknown loss {loss!r}")


def mean_d(d):
    """What ganscope shows as D(x): the probability σ(d) for the probabilistic losses, the raw score otherwise."""
    return torch.sigmoid(d).mean().item() if CONFIG["loss"] in ("minimax", "nonsaturating") else d.mean().item()


# [SECTION] Penalties on D's input gradient (double backprop through autograd)

def input_gradient_norms(D, x):
    """‖∇ₓD(x)‖ for every row of x, kept in the graph so that the penalty's own gradient reaches D's weights. For a
    conditional run the norm covers the data coordinates of each sample of the pack, not its one-hot class."""
    x = x.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(D(x).sum(), x, create_graph=True)
    classes = conditional_classes()
    if classes:
        grad = grad.reshape(len(grad), CONFIG["pack"], DIM + classes)[:, :, :DIM].reshape(len(grad), -1)
    return grad.norm(dim=1)


def penalties(D, x_real, x_fake, gen):
    """WGAN-GP's λ·E[(‖∇D(x̂)‖ − 1)²] at x̂ = αx + (1 − α)G(z), α ~ U[0, 1] per pack (Gulrajani et al. 2017, eq. 3);
    R1's (γ/2)·E‖∇D(x_real)‖² and R2's (γ/2)·E‖∇D(x_fake)‖² (Mescheder et al. 2018, eq. 9 and 10). They are taken on
    D's inputs as D sees them, instance noise included."""
    penalty = CONFIG["penalty"]
    total = torch.zeros(())
    if CONFIG["loss"] == "wgan-gp" and penalty["gp"] > 0:
        alpha = torch.rand(len(x_real), 1, generator=gen)
        between = alpha * x_real + (1.0 - alpha) * x_fake
        classes = conditional_classes()
        if classes:  # real and fake share their labels: the interpolate keeps the one-hot exactly
            shape = (len(x_real), CONFIG["pack"], DIM + classes)
            between = torch.cat([between.reshape(shape)[:, :, :DIM], x_real.reshape(shape)[:, :, DIM:]], dim=2)
            between = between.reshape(len(x_real), -1)
        total = total + penalty["gp"] * ((input_gradient_norms(D, between) - 1.0) ** 2).mean()
    if penalty["r1"] > 0:
        total = total + penalty["r1"] / 2.0 * (input_gradient_norms(D, x_real) ** 2).mean()
    if penalty["r2"] > 0:
        total = total + penalty["r2"] / 2.0 * (input_gradient_norms(D, x_fake) ** 2).mean()
    return total


# [SECTION] Stabilizers that act on D's inputs

def packs(samples):
    """PacGAN (Lin et al. 2018): `pack` consecutive samples (with their one-hot class, conditional) concatenated into
    one input of D."""
    return samples.reshape(-1, CONFIG["pack"] * samples.shape[1])


def instance_noise_std(step):
    """Instance noise (Sønderby et al. 2017, §3.2): the std of the Gaussian noise added to every input of D, falling
    linearly to 0 over instance_noise_anneal iterations when that is > 0."""
    std, anneal = CONFIG["instance_noise"], CONFIG["instance_noise_anneal"]
    if std <= 0:
        return 0.0
    return std if anneal <= 0 else std * max(0.0, 1.0 - step / anneal)


def with_instance_noise(x, step, gen):
    """x plus N(0, σ²) noise with σ = instance_noise_std(step)."""
    std = instance_noise_std(step)
    return x if std <= 0 else x + std * torch.randn(x.shape, generator=gen)


# [SECTION] The optimizers, with ganscope's state

def make_optimizer(params, settings):
    """SGD (Robbins & Monro 1951), heavy-ball momentum (Polyak 1964, PyTorch's form v ← μv + g), Adam (Kingma & Ba
    2015) or RMSProp (Tieleman & Hinton 2012), with the settings of optimizer.g or optimizer.d."""
    kind = settings["kind"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=settings["lr"])
    if kind == "momentum":
        return torch.optim.SGD(params, lr=settings["lr"], momentum=settings["momentum"])
    if kind == "adam":
        return torch.optim.Adam(params, lr=settings["lr"], betas=(settings["beta1"], settings["beta2"]),
                                eps=settings["eps"])
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=settings["lr"], alpha=settings["rho"], eps=settings["eps"])
    raise ValueError(f"unknown optimizer {kind!r}")


def optimized_parameters(net):
    """A network's parameters in ganscope's order: each linear layer's weight (the raw one), then its bias."""
    params = []
    for layer in linear_layers(net):
        params += [raw_weight(layer) if hasattr(layer, "parametrizations") else layer.weight, layer.bias]
    return params


def load_optimizer_state(optimizer, params, state, kind):
    """ganscope's running statistics for the rule in force (momentum's velocity, Adam's moments and step count,
    RMSProp's mean square), one {"weight", "bias"} pair of arrays per layer, so the run continues as it was."""
    if state is None:
        return  # at iteration 0 every statistic is zero: the optimizer starts fresh, as ganscope's did
    arrays = []
    for layer in state["layers"]:
        arrays += [layer["weight"], layer["bias"]]
    for param, numbers in zip(params, arrays):
        values = {name: torch.tensor(value, dtype=torch.float32).reshape(param.shape) for name, value in numbers.items()}
        if kind == "momentum":
            optimizer.state[param] = {"momentum_buffer": values["velocity"]}
        elif kind == "adam":
            optimizer.state[param] = {"step": torch.tensor(float(state["adam_steps"])),
                                      "exp_avg": values["first_moment"], "exp_avg_sq": values["second_moment"]}
        elif kind == "rmsprop":  # PyTorch's RMSprop counts its steps but does not use the count
            optimizer.state[param] = {"step": 0, "square_avg": values["mean_square"]}


# [SECTION] Training (Goodfellow et al. 2014, Algorithm 1, with the loss, penalties and update order configured)

class Run:
    """Both networks, their optimizers, the random generator and the iteration count."""

    def __init__(self, seed):
        self.gen = torch.Generator().manual_seed(seed)
        self.G = make_generator()
        self.D = make_discriminator()
        load_weights(self.G, STATE["generator"])
        load_weights(self.D, STATE["discriminator"], STATE.get("spectral_norm"))
        self.g_params = optimized_parameters(self.G)
        self.d_params = optimized_parameters(self.D)
        self.opt_g = make_optimizer(self.g_params, CONFIG["optimizer"]["g"])
        self.opt_d = make_optimizer(self.d_params, CONFIG["optimizer"]["d"])
        load_optimizer_state(self.opt_g, self.g_params, STATE["generator_optimizer"], CONFIG["optimizer"]["g"]["kind"])
        load_optimizer_state(self.opt_d, self.d_params, STATE["discriminator_optimizer"],
                             CONFIG["optimizer"]["d"]["kind"])
        self.step = START_STEP
        self.stats = {}

    def fake_samples(self, labels=None):
        """G on fresh noise (with the labels' one-hot, conditional): batch packs of `pack` samples each, one sample
        per row."""
        return self.G(labelled(sample_latent(CONFIG["batch"] * CONFIG["pack"], self.gen), labels))

    def labelled_batch(self):
        """A conditional D step's real batch and its labels, drawn with the data from the class prior; the fake batch
        takes the same labels (Mirza & Osindero 2014)."""
        return sample_data_with_classes(CONFIG["batch"] * CONFIG["pack"], self.gen)

    def discriminator_inputs(self, samples, labels):
        """D's inputs: packs of samples with instance noise, conditional: noise on x only, then the one-hot."""
        if labels is None:
            return with_instance_noise(packs(samples), self.step, self.gen)
        return packs(labelled(with_instance_noise(samples, self.step, self.gen), labels))

    def discriminator_objective(self, fake, real=None, labels=None):
        """L_D plus the penalties, on a fresh real batch (a conditional run's, with its labels, given) and the given
        (detached) fake one."""
        if real is None:
            real = sample_data(CONFIG["batch"] * CONFIG["pack"], self.gen)
        x_real = self.discriminator_inputs(real, labels)
        x_fake = self.discriminator_inputs(fake, labels)
        d = self.D(torch.cat([x_real, x_fake])).squeeze(1)  # real and fake through D as one batch
        d_real, d_fake = d[: len(x_real)], d[len(x_real):]
        loss = discriminator_loss(d_real, d_fake)
        penalty = penalties(self.D, x_real, x_fake, self.gen)
        self.stats.update(loss_d=loss.item(), penalty=penalty.item(), d_real=mean_d(d_real), d_fake=mean_d(d_fake))
        return loss + penalty

    def generator_objective(self, fake, labels=None):
        """L_G on the given fake batch (with its labels, conditional), through D as it is now."""
        d_fake = self.D(self.discriminator_inputs(fake, labels)).squeeze(1)
        loss = generator_loss(d_fake)
        self.stats["loss_g"] = loss.item()
        return loss

    def after_discriminator_step(self):
        """WGAN's weight clipping to [−c, c] after every critic update (Arjovsky et al. 2017, Algorithm 1, line 7)."""
        if CONFIG["loss"] == "wgan":
            with torch.no_grad():
                for param in self.d_params:
                    param.clamp_(-CONFIG["penalty"]["clip"], CONFIG["penalty"]["clip"])

    def update_discriminator(self):
        """One step of D on a real batch and a batch of G's samples (G is not updated)."""
        if conditional_classes():
            real, labels = self.labelled_batch()
            loss = self.discriminator_objective(self.fake_samples(labels).detach(), real, labels)
        else:
            loss = self.discriminator_objective(self.fake_samples().detach())
        self.opt_d.zero_grad()
        loss.backward()
        self.stats["grad_norm_d"] = gradient_norm(self.d_params)
        self.opt_d.step()
        self.after_discriminator_step()

    def update_generator(self):
        """One step of G against D as it is now (D's gradients are computed but not used)."""
        labels = sample_classes(CONFIG["batch"] * CONFIG["pack"], self.gen) if conditional_classes() else None
        loss = self.generator_objective(self.fake_samples(labels), labels)
        self.opt_g.zero_grad()
        loss.backward()
        self.stats["grad_norm_g"] = gradient_norm(self.g_params)
        self.opt_g.step()

    def simultaneous_update(self):
        """Both gradients at the same point and on the same fake batch, then both steps (simultaneous gradient
        descent, Mescheder et al. 2018, §2)."""
        real, labels = self.labelled_batch() if conditional_classes() else (None, None)
        fake = self.fake_samples(labels)
        d_grads = torch.autograd.grad(self.discriminator_objective(fake.detach(), real, labels), self.d_params)
        g_grads = torch.autograd.grad(self.generator_objective(fake, labels), self.g_params)
        for params, grads in ((self.d_params, d_grads), (self.g_params, g_grads)):
            for param, grad in zip(params, grads):
                param.grad = grad
        self.stats["grad_norm_d"] = gradient_norm(self.d_params)
        self.stats["grad_norm_g"] = gradient_norm(self.g_params)
        self.opt_d.step()
        self.opt_g.step()
        self.after_discriminator_step()

    def iterate(self):
        """One iteration: d_steps updates of D then g_steps of G (alternating), or one of each at once."""
        if CONFIG["update"] == "simultaneous":
            self.simultaneous_update()
        else:
            for _ in range(CONFIG["d_steps"]):
                self.update_discriminator()
            for _ in range(CONFIG["g_steps"]):
                self.update_generator()
        self.step += 1


def gradient_norm(params):
    """‖∂L/∂θ‖ over all of a network's parameters."""
    return math.sqrt(sum(float((p.grad.double() ** 2).sum()) for p in params if p.grad is not None))


# [SECTION] Metrics: ganscope's protocol (VEEGAN/PacGAN's modes and high-quality samples, JS on a grid, W1)

METRICS_BOX = @@METRICS_BOX@@  # (x_min, x_max, y_min, y_max): the data's box padded by 25 % on each side
# @@if ring grid gaussian gaussian1d mixture1d
HAS_MODES = True  # a mixture of isotropic Gaussians: its modes are scored
# @@end
# @@if circle spiral moons swissroll line uniform uniform1d points
HAS_MODES = False  # not a mixture of Gaussians: no modes to score
# @@end


def mode_coverage(samples):
    """Srivastava et al. 2017 (VEEGAN, §5.1) and Lin et al. 2018 (PacGAN, §5): a sample is high quality when its
    nearest mode, by distance in units of that mode's σ, is within 3σ; a mode is captured when at least one high
    quality sample has it as nearest; reverse KL = KL(q̂ ‖ uniform over the K modes) of the high-quality samples'
    histogram over modes (NaN when none is high quality). Returns (captured, K, high-quality fraction, reverse KL)."""
    centres = MODE_CENTRES.float().double().numpy()
    variances = MODE_STDS.float().double().numpy() ** 2
    squared = ((samples[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2) / variances[None, :]
    modes = len(centres)
    nearest = np.argmin(np.nan_to_num(squared, nan=np.inf), axis=1)
    high = np.nan_to_num(squared.min(axis=1), nan=np.inf) < 9.0
    per_mode = np.bincount(nearest[high], minlength=modes)
    reverse_kl = float("nan")
    if high.any():
        q = per_mode[per_mode > 0] / high.sum()
        reverse_kl = max(0.0, float((q * np.log(modes * q)).sum()))
    return int((per_mode >= 1).sum()), modes, float(high.mean()), reverse_kl


def grid_cells():
    """The JS grid: 128 bins on the line, 32 × 32 cells in the plane, plus one bin for everything outside the box."""
    return 128 if DIM == 1 else 32


def histogram(samples):
    """The normalised histogram of samples on the grid over METRICS_BOX (a sample on the box's upper edge falls in
    the last cell; NaN and outside samples share the last bin)."""
    cells = grid_cells()
    inside = np.ones(len(samples), dtype=bool)
    index = np.zeros(len(samples), dtype=np.int64)
    for axis in range(DIM):
        low, high = METRICS_BOX[2 * axis], METRICS_BOX[2 * axis + 1]
        v = samples[:, axis]
        within = (v >= low) & (v <= high)
        cell = np.minimum(np.floor(np.where(within, (v - low) / (high - low) * cells, 0.0)).astype(np.int64), cells - 1)
        inside &= within
        index += cell * cells ** axis
    bins = np.bincount(np.where(inside, index, cells ** DIM), minlength=cells ** DIM + 1)
    return bins / len(samples)


def js_on_grid(real, fake):
    """JS(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = ½(p + q), between the two histograms on the grid, in nats (Lin 1991;
    the grid estimate of GAN Lab, Kahng et al. 2019)."""
    p, q = histogram(real), histogram(fake)
    m = 0.5 * (p + q)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, 0.5 * p * np.log(p / m), 0.0) + np.where(q > 0, 0.5 * q * np.log(q / m), 0.0)
    return float(np.clip(terms.sum(), 0.0, math.log(2.0)))


def wasserstein1(real, fake):
    """W1 between two sets of equal size: exact on the line (the mean gap between the sorted samples, Vallender
    1973), the mean over 32 fixed directions θ_k = πk/32 of the projections' W1 in the plane (sliced W1, Rabin et al.
    2011)."""
    if not (np.isfinite(real).all() and np.isfinite(fake).all()):
        return float("nan")
    if DIM == 1:
        directions = np.ones((1, 1))
    else:
        angles = math.pi * np.arange(32) / 32
        directions = np.stack([np.cos(angles), np.sin(angles)]).astype(np.float32).astype(np.float64)
    gaps = np.sort(real @ directions, axis=0) - np.sort(fake @ directions, axis=0)
    return float(np.abs(gaps).mean())


class Metrics:
    """ganscope's measurement: metrics_samples generated samples on a latent batch fixed once, against 10× as many
    real samples for JS and as many for W1."""

    def __init__(self, seed):
        gen = torch.Generator().manual_seed(seed + 0x6D657472)  # a stream of its own: measuring never moves training
        n = CONFIG["metrics_samples"]
        self.latent = sample_latent(n, gen)
        # A conditional run: fixed labels, every class in turn, so each class has the same share of the batch.
        self.labels = torch.arange(n) % conditional_classes() if conditional_classes() else None
        self.latent = labelled(self.latent, self.labels)
        self.real_js = sample_data(10 * n, gen).double().numpy()
        self.real_w1 = self.real_js[:n]

    @torch.no_grad()
    def measure(self, G):
        """The metrics of G's samples on the fixed batch, as a dict."""
        fake = G(self.latent).double().numpy()
        row = {"js": js_on_grid(self.real_js, fake), "w1": wasserstein1(self.real_w1, fake)}
        if HAS_MODES:
            row["modes"], row["modes_total"], row["high_quality"], row["reverse_kl"] = mode_coverage(fake)
        if self.labels is not None:
            row["class_accuracy"] = class_accuracy(fake, self.labels.numpy())
        return row


def class_accuracy(samples, labels):
    """The share of the samples generated for class k whose class (class_of) is k, averaged over the classes that
    have samples; a NaN sample counts as wrong (ganscope's core/metrics/class_accuracy.h)."""
    right = (class_of(samples) == labels) & np.isfinite(samples).all(axis=1)
    shares = [right[labels == k].mean() for k in range(conditional_classes()) if (labels == k).any()]
    return float(np.mean(shares)) if shares else float("nan")


def number(value, spec=".4g"):
    """A number as ganscope prints it: n/a for a missing one."""
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, spec)


def summary(step, stats, row):
    """The final lines of `ganscope --headless`, in the same words."""
    lines = [f"step {step}:  loss_d {number(stats.get('loss_d'))}  loss_g {number(stats.get('loss_g'))}  "
             f"d_real {number(stats.get('d_real'))}  d_fake {number(stats.get('d_fake'))}  "
             f"|grad_d| {number(stats.get('grad_norm_d'))}  |grad_g| {number(stats.get('grad_norm_g'))}"]
    if "modes" in row:
        lines.append(f"modes {row['modes']} / {row['modes_total']}  high quality {100 * row['high_quality']:.1f} %  "
                     f"reverse KL {number(row['reverse_kl'])}")
    grid = "128 bins" if DIM == 1 else "32x32 grid"
    estimator = "(exact)" if DIM == 1 else "(sliced, 32 directions)"
    lines.append(f"JS {number(row['js'])} nats ({grid}, {CONFIG['metrics_samples']} samples)  "
                 f"W1 {number(row['w1'])} {estimator}")
    if "class_accuracy" in row:
        lines.append(f"class accuracy {number(100 * row['class_accuracy'], '.1f')} %")
    return "\n".join(lines)


# [SECTION] The probe check: these networks compute what ganscope's computed

@torch.no_grad()
def probe_differences(G, D):
    """max |D − D_ganscope| and max |G − G_ganscope| on the probe points stored below. Both programs evaluate their
    networks' float32 weights in float64 here, so the check compares the two functions themselves (layer sizes,
    activations, packing, spectral normalisation), not float32 rounding. D runs in eval mode: spectral normalisation
    then uses ganscope's σ and runs no power iteration."""
    d_copy, g_copy = copy.deepcopy(D).double().eval(), copy.deepcopy(G).double()
    d = d_copy(torch.tensor(PROBES["d_inputs"], dtype=torch.float32).double()).squeeze(1)  # the float32 inputs
    g = g_copy(torch.tensor(PROBES["g_latents"], dtype=torch.float32).double())
    d_error = (d - torch.tensor(PROBES["d_outputs"], dtype=torch.float64)).abs().max().item()
    g_error = (g.reshape(-1) - torch.tensor(PROBES["g_outputs"], dtype=torch.float64)).abs().max().item()
    return d_error, g_error


# [SECTION] The command line

def pyplot():
    """matplotlib's pyplot drawing to files, or None (with the reason on stderr) where it cannot be imported."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        return plt
    except Exception as error:  # not installed, or installed without a piece it needs
        print(f"--plot needs matplotlib, which cannot be imported here ({type(error).__name__}: {error}); install it "
              "with 'sudo apt-get install python3-matplotlib' (Debian, Ubuntu) or 'python3 -m pip install matplotlib', "
              "or leave out --plot", file=sys.stderr)
        return None


def plot(run, path, plt):
    """Saves real samples (grey) and G's samples (orange) as a PNG with matplotlib's pyplot `plt`."""
    with torch.no_grad():
        real = sample_data(2500, torch.Generator().manual_seed(0)).numpy()
        labels = torch.arange(2500) % conditional_classes() if conditional_classes() else None
        fake = run.G(labelled(sample_latent(2500, torch.Generator().manual_seed(1)), labels)).numpy()
    figure, axes = plt.subplots(figsize=(5, 5))
    if DIM == 1:
        axes.hist([real[:, 0], fake[:, 0]], bins=100, color=["0.6", "tab:orange"], label=["real", "G"])
    else:
        axes.scatter(real[:, 0], real[:, 1], s=2, c="0.6", label="real")
        axes.scatter(fake[:, 0], fake[:, 1], s=2, c="tab:orange", label="G")
    axes.legend()
    axes.set_title(f"{CONFIG['name'] or 'run'} at iteration {run.step}")
    figure.savefig(path, dpi=100)
    print(f"plot: wrote {path}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_steps = CONFIG["demo_steps"] if CONFIG["demo_steps"] > 0 else 2000
    parser.add_argument("--steps", type=int, default=default_steps,
                        help=f"iterations to train (default {default_steps}: the preset's demo_steps)")
    parser.add_argument("--seed", type=int, default=CONFIG["seed"], help="seed of torch's generator")
    parser.add_argument("--plot", metavar="FILE.png", help="save the final samples as a plot (needs matplotlib)")
    args = parser.parse_args()
    if args.steps < 0:
        parser.error(f"--steps must be 0 or more, not {args.steps}")
    plt = pyplot() if args.plot else None
    if args.plot and plt is None:
        return 2  # before training: nothing is lost
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)  # small networks: one thread is fastest, as in ganscope's trainer (see the imports)

    run = Run(args.seed)
    d_error, g_error = probe_differences(run.G, run.D)
    print(f"probe: max |D - D_ganscope| = {d_error:.3g}, max |G - G_ganscope| = {g_error:.3g}")
    later = [event for event in CONFIG["timeline"] if event["at"] >= START_STEP and event.get("set")]
    if later:
        print(f"note: the run's timeline ({len(later)} events from iteration {later[0]['at']}) is not replayed here",
              file=sys.stderr)

    metrics = Metrics(args.seed)
    start = time.perf_counter()
    for _ in range(args.steps):
        run.iterate()
    seconds = time.perf_counter() - start
    rate = args.steps / seconds if seconds > 0 else 0.0
    origin = f" from step {START_STEP}" if START_STEP > 0 else ""
    print(f"{CONFIG['name'] or 'run'}: {args.steps} iterations in {seconds:.2f} s ({rate:.0f} it/s){origin}")
    row = metrics.measure(run.G)
    if not math.isfinite(run.stats.get("loss_d", 0.0)) or not math.isfinite(run.stats.get("loss_g", 0.0)):
        print("training diverged: a loss became NaN or infinite; lower the learning rate or add a penalty",
              file=sys.stderr)
        print(summary(run.step, run.stats, row))
        return 3
    print(summary(run.step, run.stats, row))
    if args.plot:
        plot(run, args.plot, plt)
    return 0


# [SECTION] Data: ganscope's numbers at iteration @@START_STEP@@ (not code)

# The probe points: D's inputs (packs) and G's latent vectors, with what ganscope's networks gave for them (in float64;
# G's outputs flattened probe by probe).
PROBES = @@PROBES@@

# The weights of both networks (each layer's weight as out × in rows, then its bias), the optimizers' running
# statistics in the same shapes (None at iteration 0), and under spectral normalisation D's power-iteration vectors.
STATE = @@STATE@@
# @@if points

# The target's points, DIM numbers each, and their classes (empty when they have none).
DATA_POINTS = @@DATA_POINTS@@
DATA_CLASSES = @@DATA_CLASSES@@
# @@end

if __name__ == "__main__":
    sys.exit(main())
