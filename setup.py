"""Build the compiled core of the talent-scheduling solver; without a C compiler the
pure-Python fallback runs the same search (everything else lives in pyproject.toml)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("orbitfilm.schedule.ground._talentcore",
                             ["orbitfilm/schedule/ground/_talentcore.c"],
                             extra_compile_args=["-O2"], optional=True)])
