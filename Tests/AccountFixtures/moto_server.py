"""Runs moto's server for the live audit's tests (`python3 moto_server.py -H 127.0.0.1 -p 0`),
letting an organization take in an account that already exists: moto has no
InviteAccountToOrganization, and its CreateAccount makes up an id, so CreateAccount takes the ids
in MOTO_MEMBER_ACCOUNT_IDS (comma-separated) first, in order, and made-up ones after. The
reference stack's account 123456789012 joins an organization that way (reference_account.py
--scp-deny-es).
"""
import os
import sys

from moto.organizations import models, utils


def adopt_member_accounts(ids):
    waiting = [account for account in ids.split(",") if account]
    create_account = models.OrganizationsBackend.create_account

    def create_adopting(self, **kwargs):
        if not waiting:
            return create_account(self, **kwargs)
        made_up = utils.make_random_account_id
        utils.make_random_account_id = lambda: waiting.pop(0)
        try:
            return create_account(self, **kwargs)
        finally:
            utils.make_random_account_id = made_up

    models.OrganizationsBackend.create_account = create_adopting


if __name__ == "__main__":
    adopt_member_accounts(os.environ.get("MOTO_MEMBER_ACCOUNT_IDS", ""))
    from moto.server import main

    main(sys.argv[1:])
