"""Roles: which groups of the identity provider give which role, what a role sees.

| role | sees |
|---|---|
| bestuur | every screen and figure, no personal fields (the openbaar stores) |
| gebiedsmakelaar | also the personal fields (the intern stores) |
| analist | everything (the intern stores) |

A user in groups of several roles gets the one that sees most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from pipelines.errors import ConfigError

BESTUUR = "bestuur"
GEBIEDSMAKELAAR = "gebiedsmakelaar"
ANALIST = "analist"
ROLES = (ANALIST, GEBIEDSMAKELAAR, BESTUUR)  # most seen first
# Which store a role reads: the openbaar stores hold no personal fields at all.
AUDIENCE = {BESTUUR: "openbaar", GEBIEDSMAKELAAR: "intern", ANALIST: "intern"}

RoleMap = Mapping[str, tuple[str, ...]]


def parse_role_groups(text: str) -> RoleMap:
    """'bestuur=raad,college;analist=data' -> {'bestuur': ('raad', 'college'), ...}.

    Raises ConfigError naming KERNENKAART_ROLE_GROUPS for an unknown role, an
    empty group list or a mapping that gives no role at all.
    """
    roles: dict[str, tuple[str, ...]] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        role, _, groups = part.partition("=")
        role = role.strip().lower()
        names = tuple(g.strip() for g in groups.split(",") if g.strip())
        if role not in ROLES or not names:
            raise ConfigError(
                f"KERNENKAART_ROLE_GROUPS: {part!r} is geen geldige regel.",
                hint="Vorm: 'bestuur=raad,college;gebiedsmakelaar=gm;analist=data' "
                f"(rollen: {', '.join(ROLES)}; groepen zoals de provider ze noemt).",
            )
        roles[role] = roles.get(role, ()) + names
    if not roles:
        raise ConfigError(
            "KERNENKAART_ROLE_GROUPS is leeg: met login moet elke rol weten "
            "welke groepen erbij horen.",
            hint="Bijvoorbeeld 'bestuur=raad,college;gebiedsmakelaar=gm;analist=data'.",
        )
    return MappingProxyType(roles)


def groups_of(claims: Mapping[str, object], claim: str) -> tuple[str, ...]:
    """The groups in an ID token's claim (a list, or one space/comma separated text)."""
    value = claims.get(claim)
    if isinstance(value, str):
        return tuple(v for v in value.replace(",", " ").split() if v)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return ()


def role_for(groups: Iterable[str], roles: RoleMap) -> str | None:
    """The role that sees most among those the groups give; None for none."""
    have = set(groups)
    for role in ROLES:
        if have & set(roles.get(role, ())):
            return role
    return None
