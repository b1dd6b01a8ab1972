"""Build hook only (the project's metadata is in pyproject.toml): a wheel carries the trained zoner.

The model lives in the repository's models/zoner/ (training writes there), outside the package, so
build_py copies the files that parsing reads into the built package as
dispatch_parser/zoning/zoner_model/. Package files land wherever the package does, under every
install scheme (--prefix, --user, --target, a venv); `data-files` under share/ do not resolve
after `pip install --target`. MANIFEST.in lists the same files so that an sdist can build the wheel.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODEL_SOURCE = Path("models", "zoner")
PACKAGED_MODEL = Path("dispatch_parser", "zoning", "zoner_model")   # model.py's INSTALLED_MODEL_DIR
# what Zoner.load reads (linear.npz, transitions.json) and what says how it was made; not the
# training data (*_lines.jsonl.gz) nor the spaCy pipeline folders that only Zoner.load_spacy reads.
# MANIFEST.in lists them for the sdist; read from there so that the two lists cannot part.
MODEL_FILES = [Path(f).name for line in Path("MANIFEST.in").read_text(encoding="utf-8").splitlines()
               if line.startswith("include ") for f in line.split()[1:] if f.startswith(str(MODEL_SOURCE) + "/")]


class build_py_with_zoner(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return          # an editable install reads models/zoner in place
        target = Path(self.build_lib, PACKAGED_MODEL)
        self.mkpath(str(target))
        for name in MODEL_FILES:
            # a missing file fails the build: a wheel without the model would parse rules-only
            self.copy_file(str(MODEL_SOURCE / name), str(target / name))


setup(cmdclass={"build_py": build_py_with_zoner})
