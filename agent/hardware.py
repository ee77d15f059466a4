"""What this machine offers llama.cpp: CPU features, cores, memory, GPUs, and the build in use.

Everything is read from files the kernel exposes (``/proc``, ``/sys``) and from llama.cpp
itself: no program is run (``nvidia-smi`` included) and nothing touches the network. What a
platform does not expose is left out rather than guessed.
"""

from __future__ import annotations

import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from models.backends.llama_cpp import GPU_BUILDS, INSTALL_GPU_BUILD
from models.errors import ModelError
from models.gguf_meta import read_info
from models.registry import Registry
from models.runtime import weights_bytes

MB = 1_000_000

_X86_FEATURES = {
    "pni": "SSE3",
    "ssse3": "SSSE3",
    "avx": "AVX",
    "avx2": "AVX2",
    "avx_vnni": "AVX_VNNI",
    "f16c": "F16C",
    "fma": "FMA",
    "bmi2": "BMI2",
    "avx512f": "AVX512",
    "avx512vbmi": "AVX512_VBMI",
    "avx512_vnni": "AVX512_VNNI",
    "avx512_bf16": "AVX512_BF16",
    "amx_tile": "AMX_TILE",
    "amx_int8": "AMX_INT8",
    "amx_bf16": "AMX_BF16",
}
"""``/proc/cpuinfo`` flags by the name llama.cpp's system info gives them."""

_ARM_FEATURES = {
    "asimd": "NEON",
    "fphp": "FP16_VA",
    "asimddp": "DOTPROD",
    "i8mm": "MATMUL_INT8",
    "sve": "SVE",
    "sme": "SME",
}
"""``/proc/cpuinfo`` features of 64-bit ARM, by llama.cpp's names."""

_VENDORS = {"0x10de": "NVIDIA", "0x1002": "AMD", "0x8086": "Intel"}


@dataclass(frozen=True)
class Cpu:
    """The processor: its model, the features llama.cpp uses, and its cores."""

    model: str
    architecture: str
    features: list[str]
    physical_cores: int
    logical_cores: int


@dataclass(frozen=True)
class Gpu:
    """A GPU the kernel shows; ``memory_mb`` is None where the driver does not say."""

    name: str
    memory_mb: int | None
    source: str


@dataclass(frozen=True)
class LlamaBuild:
    """The llama.cpp compiled into llama-cpp-python."""

    version: str
    system_info: str
    gpu_offload: bool
    cpu_features_unused: list[str]
    """Features this CPU has that the build was compiled without."""
    install_gpu_build: dict[str, str] = field(default_factory=dict)
    """When the build cannot offload: the command that installs one that can, per backend."""


@dataclass(frozen=True)
class ModelFit:
    """How much context a registered model can have in the memory available now."""

    name: str
    file_mb: int
    loaded_mb: int
    """The weights once loaded: the file, its LoRA adapter and llama.cpp's buffers
    (``weights_bytes``)."""
    kv_bytes_per_token: int
    trained_context: int
    largest_context: int
    """Tokens of f16 KV cache that fit beside the weights, at most the trained context;
    0 when not even the weights fit."""


@dataclass(frozen=True)
class Hardware:
    """Everything ``mailagent hardware`` reports."""

    cpu: Cpu
    memory_total_mb: int
    memory_available_mb: int
    llama_cpp: LlamaBuild
    gpus: list[Gpu]
    models: list[ModelFit]

    def as_dict(self) -> dict[str, Any]:
        """The facts as plain data, for ``--json``."""
        return asdict(self)


def _cpuinfo() -> dict[str, str]:
    """The first processor's fields of ``/proc/cpuinfo`` (empty where there is none)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon:
            fields.setdefault(key.strip().lower(), value.strip())
    return fields


def cpu() -> Cpu:
    """The CPU's model, llama.cpp-relevant features and core counts."""
    import psutil

    info = _cpuinfo()
    machine = platform.machine().lower()
    flags = set((info.get("flags") or info.get("features") or "").split())
    names = {**_X86_FEATURES, **_ARM_FEATURES}
    features = [name for flag, name in names.items() if flag in flags]
    if machine in ("arm64", "aarch64") and "NEON" not in features:
        features.insert(0, "NEON")  # mandatory on 64-bit ARM, whatever the OS shows
    logical = psutil.cpu_count(logical=True) or 1
    return Cpu(
        model=info.get("model name") or info.get("hardware") or platform.processor() or machine,
        architecture=machine,
        features=features,
        physical_cores=psutil.cpu_count(logical=False) or logical,
        logical_cores=logical,
    )


def llama_build(cpu_features: list[str]) -> LlamaBuild:
    """llama.cpp's own report of its build, and whether it can offload to a GPU."""
    import llama_cpp

    info = llama_cpp.llama_print_system_info().decode("utf-8", errors="replace").strip()
    # "CPU : SSE3 = 1 | AVX = 1 | ...": the features the build was compiled with.
    pairs = (part.partition("=") for part in info.replace("CPU :", "|").split("|"))
    compiled = {name.strip() for name, _, value in pairs if value.strip() == "1"}
    offload = bool(llama_cpp.llama_supports_gpu_offload())
    return LlamaBuild(
        version=llama_cpp.__version__,
        system_info=info,
        gpu_offload=offload,
        cpu_features_unused=[name for name in cpu_features if name not in compiled],
        install_gpu_build={}
        if offload
        else {backend: INSTALL_GPU_BUILD.format(flag=flag) for backend, flag in GPU_BUILDS.items()},
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def gpus(proc: Path = Path("/proc/driver/nvidia"), drm: Path = Path("/sys/class/drm")) -> list[Gpu]:
    """GPUs as the NVIDIA driver's ``/proc`` files and the kernel's DRM devices show them."""
    found = []
    for information in sorted(proc.glob("gpus/*/information")):
        fields = dict(line.partition(":")[::2] for line in _read(information).splitlines())
        found.append(Gpu(fields.get("Model", "NVIDIA GPU").strip(), None, str(information)))
    for card in sorted(drm.glob("card[0-9]*")):
        device = card / "device"
        if "-" in card.name or not device.is_dir():
            continue  # a connector (card0-HDMI-A-1), not a GPU
        vendor_id = _read(device / "vendor")
        vendor = _VENDORS.get(vendor_id, vendor_id or "unknown")
        if vendor == "NVIDIA" and found:
            continue  # already listed from the driver's own files
        vram = _read(device / "mem_info_vram_total")
        name = f"{vendor} GPU {_read(device / 'device')}".strip()
        found.append(Gpu(name, int(vram) // MB if vram.isdigit() else None, str(card)))
    if not found and platform.system() == "Darwin" and platform.machine() == "arm64":
        found.append(Gpu("Apple GPU (Metal, memory shared with the CPU)", None, "platform"))
    return found


def model_fits(registry: Registry, available: int) -> list[ModelFit]:
    """The largest context each installed GGUF model can have in ``available`` bytes."""
    fits = []
    for spec in registry.specs.values():
        if spec.backend != "llama_cpp" or not spec.is_available():
            continue
        try:
            path = spec.path()
            info = read_info(path)
            loaded = weights_bytes(path, spec.lora)
        except (ModelError, OSError):
            continue  # `models list` and `models verify` say what is wrong with it
        per_token = info.kv_cache_bytes(1)
        room = max(0, available - loaded)
        largest = room // per_token if per_token else info.context_length
        if info.context_length:
            largest = min(largest, info.context_length)
        fits.append(
            ModelFit(
                name=spec.name,
                file_mb=path.stat().st_size // MB,
                loaded_mb=loaded // MB,
                kv_bytes_per_token=per_token,
                trained_context=info.context_length,
                largest_context=largest if room else 0,
            )
        )
    return fits


def hardware(registry: Registry) -> Hardware:
    """Every fact ``mailagent hardware`` reports, read now."""
    import psutil

    memory = psutil.virtual_memory()
    processor = cpu()
    return Hardware(
        cpu=processor,
        memory_total_mb=memory.total // MB,
        memory_available_mb=memory.available // MB,
        llama_cpp=llama_build(processor.features),
        gpus=gpus(),
        models=model_fits(registry, memory.available),
    )
