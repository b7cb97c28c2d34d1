"""Every problem the catalog CSV services can report has a message key with English and
French texts (storefront/i18n_admin_import.py), so that the French admin never shows one in
English. The calls are read from the source: a new English-only problem fails here."""

from __future__ import annotations

import ast
import io
import string
from pathlib import Path

import pytest

from state.admin.catalog_io import problem_item
from storefront.i18n import MESSAGES, translations
from storefront.services.catalog_csv import CatalogFileInvalid, RowProblem, parse_catalog

# problems.py only passes the keys of the others on.
SOURCES = [
    source
    for source in sorted(
        (Path(__file__).parents[2] / "storefront/services/catalog_csv").glob("*.py")
    )
    if source.name != "problems.py"
]


def _problem_calls(tree: ast.AST) -> list[tuple[ast.Call, ast.expr | None, int]]:
    """(call, its key expression, where the key is among the positional arguments)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("CellError", "RowProblem"):
            at = 1 if func.id == "CellError" else 3
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "add"
            and ast.unparse(func.value).endswith("log")
        ):
            at = 3
        else:
            continue
        keyword = next((k.value for k in node.keywords if k.arg == "key"), None)
        found.append((node, node.args[at] if len(node.args) > at else keyword, at))
    return found


def _params(call: ast.Call, at: int) -> set[str]:
    names = {k.arg for k in call.keywords if k.arg not in (None, "key")}
    if len(call.args) > at + 1:  # RowProblem's params: a tuple of (name, value) pairs
        pairs = call.args[at + 1]
        assert isinstance(pairs, ast.Tuple)
        names |= {ast.literal_eval(p.elts[0]) for p in pairs.elts if isinstance(p, ast.Tuple)}
    return {n for n in names if n is not None}


def _keys(key: ast.expr) -> list[object]:
    """The key's possible values: a literal, or either branch of `a if test else b`."""
    if isinstance(key, ast.IfExp):
        return [*_keys(key.body), *_keys(key.orelse)]
    return [key.value] if isinstance(key, ast.Constant) else [None]


def _placeholders(text: str) -> set[str]:
    """The {names} to fill; a text without parameters is shown as it is, JSON braces too."""
    return {
        name for _, name, _, _ in string.Formatter().parse(text) if name and name.isidentifier()
    }


CALLS = [
    (f"{source.name}:{call.lineno}", call, key, at)
    for source in SOURCES
    for call, key, at in _problem_calls(ast.parse(source.read_text()))
]


def test_the_catalog_services_report_problems_from_many_places() -> None:
    # The reader above finds them: were it blind, the test below would pass on nothing.
    assert len(CALLS) >= 45


@pytest.mark.parametrize(("where", "call", "key", "at"), CALLS, ids=[c[0] for c in CALLS])
def test_every_import_problem_has_an_english_and_a_french_message(
    where: str, call: ast.Call, key: ast.expr | None, at: int
) -> None:
    assert key is not None, f"{where}: a problem without a message key"
    keys = _keys(key)
    assert all(isinstance(k, str) and k for k in keys), f"{where}: {ast.unparse(key)}"
    for name in keys:
        entry = MESSAGES.get(f"import.problem.{name}")
        assert entry, f"{where}: no message import.problem.{name}"
        assert entry["fr"], f"{where}: {name} not in French"
        assert entry["fr"] != entry["en"], f"{where}: {name} not in French"
        assert _placeholders(entry["en"]) == _placeholders(entry["fr"]) == _params(call, at), (
            f"{where}: {name}'s placeholders"
        )


HEADER = "product_id,title,description,price,stock,sku,options,attributes,category,image\n"
BAD_FILES = {
    "empty": "",
    "cells": HEADER
    + 'P-1,Stool,Oak.,12.999,1,S-1,size,material=,"A>B>C>D>E>F>G>H>I>J>K",ftp://x\n'
    + "P-2,Bench,Oak.,12.00,1,S-2,=M,a=1;a=2,,/media/x.jpg\n"
    + "P-3,Chair,Oak.,12.00,1,S-3,size=,,,\n"
    + "P-3,Chair,Oak.,12.00,1,S-4,size=,,,\n"
    + f"P-4,{'T' * 600},Oak.,12.00,1,S-5,{'k' * 70}=1,,,\n",
    "shopify": "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant Price,"
    "Tags,Attributes (product.metafields.boutique.attributes),"
    "Product rating (product.metafields.reviews.rating)\n"
    f'h-1,Stool,Size,M,size,L,12.00,{"t" * 130},"{{""a"": 1}}",{{x\n'
    "h-2,Bench,,M,,,12.00,,nope,9\n",
}


def _problems(text: str) -> list[RowProblem]:
    with pytest.raises(CatalogFileInvalid) as refused:
        parse_catalog(io.StringIO(text, newline=""), currency="EUR")
    return refused.value.problems


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_refused_files_problems_read_as_the_services_word_them_and_in_french(name: str) -> None:
    problems = _problems(BAD_FILES[name])
    assert problems
    for problem in problems:
        texts = translations(f"import.problem.{problem.key}", None, **dict(problem.params))
        assert texts["en"] == problem.reason, problem
        assert texts["fr"] != problem.reason, problem


def test_a_non_utf8_file_is_told_in_french() -> None:
    def lines():  # the browser upload decodes first; the command line reads a stream
        yield "product_id,title,description,price\n"
        raise UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte")

    with pytest.raises(CatalogFileInvalid) as refused:
        parse_catalog(lines(), currency="EUR")
    (problem,) = refused.value.problems
    assert translations(f"import.problem.{problem.key}")["fr"] == (
        "le fichier n’est pas du texte UTF-8 (enregistrez-le en CSV UTF-8)\u202f; lecture arrêtée"
    )


def test_a_variant_list_with_no_options_is_named_none_in_each_language() -> None:
    """ "mêmes options (none) qu’à la ligne 2": the French message said the English word."""
    problems = _problems(
        HEADER
        + "P-5,Lamp,Brass.,12.00,1,S-5A,,,,\n"
        + "P-5,Lamp,Brass.,12.00,1,S-5B,,,,\n"  # no options, as line 2
        + "P-6,Desk,Oak.,12.00,1,S-6A,,,,\n"
        + "P-6,Desk,Oak.,12.00,1,S-6B,size=L,,,\n"  # options where line 4 has none
    )
    shown = [(p.line, p.key, problem_item(p)) for p in problems]
    assert [(line, key, item.reason, item.reason_fr) for line, key, item in shown] == [
        (
            3,
            "same_options",
            "same options (none) as line 2: a shopper could not pick between these variants",
            "mêmes options (aucune) qu’à la ligne 2\u202f: un client ne pourrait pas choisir "
            "entre ces variantes",
        ),
        (
            5,
            "option_names",
            "option names differ from those of line 4 (none): the product page would show a "
            "second picker",
            "noms d’options différents de ceux de la ligne 4 (aucune)\u202f: la page du produit "
            "montrerait un second sélecteur",
        ),
    ]
    assert [p.reason for p in problems] == [item.reason for _, _, item in shown]


def test_columns_a_file_lacks_are_each_in_guillemets_in_french() -> None:
    """The French message read « brand", "image » (one pair of guillemets around the list)
    and "n’a pas de colonne … il la remettrait" for several columns (QA)."""
    problem = RowProblem(
        1,
        "",
        "the file has no ...",
        "would_reset",
        (("columns", '"brand", "image"'), ("products", 2), ("example", '"P-1"')),
    )
    assert problem_item(problem).reason_fr == (
        "colonnes absentes du fichier\u202f: «\u202fbrand\u202f», «\u202fimage\u202f»\u202f; "
        "l’import les remettrait à zéro sur les 2 produits que la boutique a déjà "
        "(comme «\u202fP-1\u202f»)\u202f; ajoutez ces colonnes, ou modifiez un export du catalogue"
    )
