"""Runs moto's server for the live audit's tests (`python3 moto_server.py -H 127.0.0.1 -p 0`), with
two things moto lacks:

- an organization can take in an account that already exists: moto has no
  InviteAccountToOrganization, and its CreateAccount makes up an id, so CreateAccount takes the ids
  in MOTO_MEMBER_ACCOUNT_IDS (comma-separated) first, in order, and made-up ones after. The
  reference stack's account 123456789012 joins an organization that way (reference_account.py
  --scp-deny-es).
- Cognito Identity's SetIdentityPoolRoles and GetIdentityPoolRoles: the roles (and role mappings)
  are kept per identity pool of each account and region, and given back in the shape of botocore's
  `cognito-identity` model (`IdentityPoolId`, `Roles`, `RoleMappings` when set); a pool moto does
  not hold is a ResourceNotFoundException, as AWS answers.

reference_account.py applies both to its in-process moto too (`mock_aws`, the committed fixtures).
"""
import json
import os
import sys

from moto.cognitoidentity.exceptions import ResourceNotFoundError
from moto.cognitoidentity.responses import CognitoIdentityResponse
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


def answer_identity_pool_roles():
    """Adds SetIdentityPoolRoles and GetIdentityPoolRoles to moto's Cognito Identity (its responses
    dispatch an operation to the method of the same name, in snake case)."""

    def attached_roles(backend, pool_id):
        if pool_id not in backend.identity_pools:
            raise ResourceNotFoundError(pool_id)
        if not hasattr(backend, "identity_pool_roles"):
            backend.identity_pool_roles = {}
        return backend.identity_pool_roles

    def set_identity_pool_roles(self):
        pool_id = self._get_param("IdentityPoolId")
        attached = attached_roles(self.backend, pool_id)
        attached[pool_id] = {"Roles": self._get_param("Roles") or {}, "RoleMappings": self._get_param("RoleMappings")}
        return ""

    def get_identity_pool_roles(self):
        pool_id = self._get_param("IdentityPoolId")
        attachment = attached_roles(self.backend, pool_id).get(pool_id, {"Roles": {}, "RoleMappings": None})
        answer = {"IdentityPoolId": pool_id, "Roles": attachment["Roles"]}
        if attachment["RoleMappings"]:
            answer["RoleMappings"] = attachment["RoleMappings"]
        return json.dumps(answer), {"Content-Type": "application/x-amz-json-1.1"}

    CognitoIdentityResponse.set_identity_pool_roles = set_identity_pool_roles
    CognitoIdentityResponse.get_identity_pool_roles = get_identity_pool_roles


if __name__ == "__main__":
    adopt_member_accounts(os.environ.get("MOTO_MEMBER_ACCOUNT_IDS", ""))
    answer_identity_pool_roles()
    from moto.server import main

    main(sys.argv[1:])
