"""The command line: a thin shell over the library. Each command lives in its own module."""

from .app import app, main
from . import environment  # noqa: F401  (registers the command)
from . import launch  # noqa: F401  (registers the command)
from . import production  # noqa: F401  (registers check, schema, import, examples)
from . import race  # noqa: F401  (registers the command)
from . import rcpsp  # noqa: F401  (registers the command)
from . import replan  # noqa: F401  (registers the command)
from . import schedule  # noqa: F401  (registers schedule, verify, plan)
from . import server  # noqa: F401  (registers serve, users)
from . import store  # noqa: F401  (registers db init|upgrade, add, versions, publish, ...)
from . import shootlog  # noqa: F401  (registers log and its entries)
from . import talent  # noqa: F401  (registers the command)
from . import training  # noqa: F401  (registers the command)
from . import traffic  # noqa: F401  (registers traffic check, slots, schema)

__all__ = ["app", "main"]
