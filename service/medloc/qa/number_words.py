"""Spelled-out numbers per language, for `medloc.qa.numbers`: "word:value" for units and
teens, for tens, and the words joining tens to units ("twenty-four", "treinta y dos").

Number words are not unit names: CLDR has no spelled-out numbers for these languages in Babel,
so this small table is the project's own.
"""

from __future__ import annotations

__all__ = ["WORD_TABLES"]

WORD_TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "en": (
        "zero:0 one:1 once:1 two:2 twice:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9"
        " ten:10 eleven:11 twelve:12",
        "twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100",
        ("-", " "),
    ),
    "es": (
        "cero:0 uno:1 una:1 un:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9"
        " diez:10 once:11 doce:12",
        "veinte:20 treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80"
        " noventa:90 cien:100",
        (" y ",),
    ),
    "fr": (
        "z\u00e9ro:0 un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10"
        " onze:11 douze:12",
        "vingt:20 trente:30 quarante:40 cinquante:50 soixante:60 soixante-dix:70"
        " quatre-vingt:80 quatre-vingts:80 quatre-vingt-dix:90 cent:100",
        ("-", "-et-", " et "),
    ),
    "de": (
        "null:0 ein:1 eins:1 eine:1 einen:1 einem:1 einer:1 eines:1 einmal:1 zwei:2 zweimal:2"
        " drei:3 vier:4 f\u00fcnf:5 sechs:6 sieben:7 acht:8 neun:9 zehn:10 elf:11"
        " zw\u00f6lf:12",
        "zwanzig:20 drei\u00dfig:30 vierzig:40 f\u00fcnfzig:50 sechzig:60 siebzig:70 achtzig:80"
        " neunzig:90 hundert:100",
        (),
    ),
    "pt": (
        "zero:0 um:1 uma:1 dois:2 duas:2 tr\u00eas:3 quatro:4 cinco:5 seis:6 sete:7 oito:8"
        " nove:9 dez:10 onze:11 doze:12",
        "vinte:20 trinta:30 quarenta:40 cinquenta:50 sessenta:60 setenta:70 oitenta:80"
        " noventa:90 cem:100",
        (" e ",),
    ),
    "ar": (
        # the duals of units ("سنتين", two years) are CLDR's, read in `medloc.qa.units`
        "صفر:0 واحد:1 واحدة:1 مرة:1 اثنان:2 اثنين:2 اثنتان:2 اثنتين:2 مرتين:2 مرتان:2"
        " عامين:2 عامان:2 ثلاثة:3 ثلاث:3 أربعة:4 أربع:4 خمسة:5 خمس:5 ستة:6"
        " ست:6 سبعة:7 سبع:7 ثمانية:8 ثماني:8 ثمان:8 تسعة:9 تسع:9 عشرة:10 عشر:10",
        "عشرون:20 عشرين:20 ثلاثون:30 ثلاثين:30 أربعون:40 أربعين:40 خمسون:50 خمسين:50"
        " ستون:60 ستين:60 سبعون:70 سبعين:70 ثمانون:80 ثمانين:80 تسعون:90 تسعين:90"
        " مائة:100 مئة:100",
        (),
    ),
}
