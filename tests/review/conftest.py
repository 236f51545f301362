from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User

from disclosure import services
from disclosure.models import Item
from review import services as review
from review.models import Submission


@pytest.fixture
def submitted(draft: Callable[..., Item], personas: dict[str, User]) -> Callable[..., tuple[Item, Submission]]:
    def make(**fields: Any) -> tuple[Item, Submission]:
        item = services.submit_item(item=draft(**fields), actor=personas["editor"])
        submission = review.open_submission(item)
        assert submission is not None
        return item, submission

    return make


YES = {
    "secrecy": {"no_state_secret": "yes", "no_personal_data": "yes", "no_commercial_secret": "yes"},
    "content": {"process_fair": "yes", "decision_democratic": "yes", "result_true": "yes"},
    "final": {"approved_for_publication": "yes"},
}
