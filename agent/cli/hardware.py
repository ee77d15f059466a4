"""``mailagent hardware``: what this machine and this llama.cpp build offer the models."""

from __future__ import annotations

import click

from agent.app import App
from agent.cli.output import print_json, print_table
from agent.hardware import Hardware, hardware


def summary(facts: Hardware) -> str:
    """One line for ``doctor``: CPU, cores, memory, and whether the build can offload."""
    cpu = facts.cpu
    offload = "GPU offload" if facts.llama_cpp.gpu_offload else "CPU-only build"
    return (
        f"{cpu.model}, {cpu.physical_cores} cores ({cpu.logical_cores} threads), "
        f"{', '.join(cpu.features) or 'no listed features'}; "
        f"{facts.memory_available_mb} of {facts.memory_total_mb} MB available; "
        f"llama-cpp-python {facts.llama_cpp.version}, {offload}; {len(facts.gpus)} GPU(s) seen"
    )


def show(facts: Hardware) -> None:
    """The facts for a person: lines, then the GPUs and the models' context table."""
    cpu, build = facts.cpu, facts.llama_cpp
    click.echo(f"CPU        {cpu.model} ({cpu.architecture})")
    click.echo(f"cores      {cpu.physical_cores} physical, {cpu.logical_cores} logical")
    click.echo(f"features   {' '.join(cpu.features) or 'none that llama.cpp uses'}")
    click.echo(f"memory     {facts.memory_available_mb} MB available of {facts.memory_total_mb}")
    click.echo(f"llama.cpp  llama-cpp-python {build.version}: {build.system_info}")
    if build.cpu_features_unused:
        click.echo(
            f"           this build does not use the CPU's {' '.join(build.cpu_features_unused)}"
        )
    if build.gpu_offload:
        click.echo("GPU        this build can offload layers to a GPU ([inference] n_gpu_layers)")
    else:
        click.echo("GPU        this build runs on the CPU only; to offload, install a GPU build:")
        for backend, command in build.install_gpu_build.items():
            click.echo(f"             {backend}: {command}")
    if facts.gpus:
        print_table(
            "GPUs",
            ["GPU", "memory MB", "seen in"],
            [(gpu.name, gpu.memory_mb, gpu.source) for gpu in facts.gpus],
        )
    else:
        click.echo("           no GPU visible")
    print_table(
        "largest context that fits in the available memory (f16 KV cache, no offload)",
        ["model", "file MB", "loaded MB", "KV bytes/token", "trained context", "fits"],
        [
            (
                fit.name,
                fit.file_mb,
                fit.loaded_mb,
                fit.kv_bytes_per_token,
                fit.trained_context,
                fit.largest_context,
            )
            for fit in facts.models
        ],
    )


@click.command(name="hardware")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def hardware_command(app: App, as_json: bool) -> None:
    """CPU features, cores, memory, GPUs, the llama.cpp build, and each model's context.

    Read from /proc, /sys and llama.cpp itself; no program is run and nothing leaves
    the machine. The context is the largest an installed GGUF model can load with in
    the memory available now: its weights plus an f16 KV cache.
    """
    facts = hardware(app.registry)
    if as_json:
        print_json(facts.as_dict())
        return
    show(facts)


def register(cli: click.Group) -> None:
    """Add the ``hardware`` command."""
    cli.add_command(hardware_command)
