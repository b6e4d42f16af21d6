"""One analysis pass over a text: sentences, tokens, morphology, named entities.

The result is a `Doc` (in the spirit of spaCy's Doc) that every extractor reads; extractors never
re-run the models. Models load once per process (`models()`), lazily, so importing is cheap.
"""

from letopis.nlp.doc import Doc, NerSpan, Sentence, Token
from letopis.nlp.pipeline import analyse, models

__all__ = ["Doc", "NerSpan", "Sentence", "Token", "analyse", "models"]
