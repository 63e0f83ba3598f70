"""@mentions in a comment: ``@username`` of a member of the review's team (an e-mail address is no mention)."""

import re
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q

from holarchy.accounts.models import Membership

from .errors import ReviewError

MENTION = re.compile(r"(?<![\w.@])@([\w.+-]*\w)")
MAX_MENTIONS = 50


def mentioned_names(body: str) -> list[str]:
    """The usernames ``body`` mentions, in order, each once."""
    return list(dict.fromkeys(name.lower() for name in MENTION.findall(body)))


def mentioned_members(body: str, team_id: int) -> list:
    """The team's members ``body`` mentions; a name that is no member's is a 400 on ``body``."""
    names = mentioned_names(body)
    if not names:
        return []
    if len(names) > MAX_MENTIONS:
        raise ReviewError("body", f"a comment mentions at most {MAX_MENTIONS} members; this one mentions {len(names)}")
    members = {
        user.username.lower(): user
        for user in get_user_model().objects.filter(
            reduce(or_, (Q(username__iexact=name) for name in names)),
            pk__in=Membership.objects.filter(team_id=team_id).values("user_id"),
        )
    }
    unknown = [name for name in names if name not in members]
    if unknown:
        listed = ", ".join(f"@{name}" for name in unknown)
        raise ReviewError("body", f"{listed} {'is' if len(unknown) == 1 else 'are'} not a member of this team: "
                                  "mention members only")
    return [members[name] for name in names]
