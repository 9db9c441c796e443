from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class GenerateConfig(Config):
    """`dak-generate`: render content/ and rules/ into the docs tree before every build."""

    enabled = opt.Type(bool, default=True)
    # Generated pages go into the site's docs_dir, which must be a build folder (never hand-edited).
    content_dir = opt.Optional(opt.Dir(exists=True))
