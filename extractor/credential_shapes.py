"""The shapes of credentials that say what they are: vendor prefixes and key blocks (data).

Drawn from the rule lists that gitleaks and detect-secrets document, written anew: each shape has
the needles (lower case) that any match contains, so that it is only tried on text holding one,
and one group, the random part, which must not read as fake (`sk_live_xxxx...`). Quantifiers are
bounded and every pattern starts at a literal or a character class, so that each runs in linear time.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Shape:
    """One kind of credential that can be told by its form alone."""

    what: str
    """What it is, for messages ("a GitHub token")."""
    needles: tuple[str, ...]
    """Lower-case text that every match contains; the shape is tried only on text holding one (all when empty)."""
    source: str
    """The regular expression; group 1, when there is one, is its random part."""

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The shape, compiled when first tried (most runs try a few of them)."""
        return re.compile(self.source, re.ASCII)


def _shape(what: str, needles: str, pattern: str) -> Shape:
    return Shape(what, tuple(needles.split()), pattern)


def _word(prefix: str) -> str:
    """`prefix` at the start of a word: the literal first, so that the search can skip to it."""
    literal = re.escape(prefix)
    return f"{literal}(?<![A-Za-z0-9_]{literal})"


PRIVATE_KEY = "a private key block"
BASE64_HEADERS = tuple(
    re.escape(base64.b64encode(f"-----BEGIN {kind}-----".encode()).decode().rstrip("=")[:-1])
    for kind in ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY")
)
"""A private key block encoded in base64 whole, as Kubernetes secrets hold it: its header, so encoded."""
KEY_BODY = "a private key body"
SHAPES: tuple[Shape, ...] = (
    _shape(
        PRIVATE_KEY,
        "private",
        r"-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[nr]|[\"'+,]){0,40}"
        r"(?:[A-Za-z0-9+/=]{16}|Proc-Type:|Version:|Comment:)",
    ),
    _shape(PRIVATE_KEY, "putty-user-key-file-", r"PuTTY-User-Key-File-\d: "),
    _shape(PRIVATE_KEY, "ls0tls1crudjtib", "|".join(BASE64_HEADERS)),
    _shape(KEY_BODY, "ibaak ibadan", r"MII[A-Za-z0-9+/]{2}[AQgw]IBA(?:AK|DAN)[A-Za-z0-9+/]{20}"),
    _shape(KEY_BODY, "mhccaqee migkagebbda", r"(?:MHcCAQEE|MIGkAgEBBDA)[A-Za-z0-9+/]{20}"),
    _shape(KEY_BODY, "ageambmgbyqgsm49", r"MIG[A-Za-z0-9+/]AgEAMBMGByqGSM49[A-Za-z0-9+/]{20}"),
    _shape(KEY_BODY, "mc4caqawbqydk2vw", r"MC4CAQAwBQYDK2Vw[A-Za-z0-9+/]{20}"),
    _shape(KEY_BODY, "b3blbnnzac1rzxktdje", r"b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{20}"),
    _shape("an age secret key", "age-secret-key-1", r"AGE-SECRET-KEY-1([QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})"),
    _shape(
        "an AWS access key id",
        "akia asia abia acca a3t",
        r"(?<![A-Za-z0-9_])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)([A-Z0-9]{16})\b",
    ),
    _shape(
        "a GitHub token",
        "ghp_ gho_ ghu_ ghs_ ghr_ github_pat_",
        _word("g") + r"(?:h[pousr]_([A-Za-z0-9]{36,255})|ithub_pat_([A-Za-z0-9_]{50,255}))",
    ),
    _shape(
        "a GitLab token",
        "glpat- gldt- glrt- glptt- glcbt- glft- glimt- glagent- gloas- glsoat- gr1348941",
        r"\b(?:(?:glpat|gldt|glrt|glptt|glcbt|glft|glimt|glagent|gloas|glsoat)-|GR1348941)([A-Za-z0-9_\-]{20,64})",
    ),
    _shape("a Slack token", "xox", _word("xox") + r"[abeoprs]-([A-Za-z0-9\-]{10,250})"),
    _shape("a Slack token", "xapp-", _word("xapp-") + r"\d-[A-Z0-9]{9,20}-\d{10,16}-([a-z0-9]{32,80})"),
    _shape(
        "a Slack webhook",
        "hooks.slack.com",
        r"hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{30,200})",
    ),
    _shape("a Stripe key", "k_live_ k_test_ k_prod_", r"\b[rs]k_(?:live|test|prod)_([A-Za-z0-9]{10,255})"),
    _shape("a Google API key", "aiza", _word("AIza") + r"([0-9A-Za-z_\-]{35})"),
    _shape(
        "a Google OAuth secret", "gocspx- ya29.", r"\b(?:GOCSPX-([A-Za-z0-9_\-]{28})|ya29\.([A-Za-z0-9_\-]{30,500}))"
    ),
    _shape(
        "an OpenAI or Anthropic key",
        "sk-",
        r"\bsk-(?:(?:proj|svcacct|admin|ant-api\d\d|ant-admin\d\d)-)?([A-Za-z0-9_\-]{32,255})",
    ),
    _shape(
        "a JSON Web Token",
        "eyj",
        r"\beyJ[A-Za-z0-9_\-]{8,2000}\.eyJ[A-Za-z0-9_\-]{8,4000}\.([A-Za-z0-9_\-]{0,2000})",
    ),
    _shape("a 1Password token", "ops_eyj", r"\bops_eyJ([A-Za-z0-9+/]{250,4000})"),
    _shape(
        "a 1Password secret key",
        "a3-",
        _word("A3-") + r"[A-Z0-9]{6}-([A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b",
    ),
    _shape("a Twilio key", "sk", _word("SK") + r"([0-9a-f]{32})\b"),
    _shape("a SendGrid key", "sg.", _word("SG.") + r"[A-Za-z0-9_\-]{22}\.([A-Za-z0-9_\-]{43})"),
    _shape("a Mailchimp key", " ".join(f"-us{n}" for n in range(10)), r"\b([0-9a-f]{32})-us\d{1,2}\b"),
    _shape("a Mailgun key", "key-", r"key-([0-9a-f]{32})\b"),
    _shape("an npm token", "npm_", _word("npm_") + r"([A-Za-z0-9]{36})\b"),
    _shape("a PyPI token", "pypi-ageichlwas5vcmc", r"pypi-AgEIcHlwaS5vcmc([A-Za-z0-9_\-]{50,1000})"),
    _shape(
        "a Discord token",
        "",
        r"\.[\w\-]{6}\.(?:(?<=[MNO][A-Za-z0-9]{23}\.[\w\-]{6}\.)|(?<=[MNO][A-Za-z0-9]{24}\.[\w\-]{6}\.)"
        r"|(?<=[MNO][A-Za-z0-9]{25}\.[\w\-]{6}\.))([\w\-]{27,38})(?![\w\-])",
    ),
    _shape("a Discord webhook", "discord", r"discord(?:app)?\.com/api/webhooks/\d{5,30}/([A-Za-z0-9_\-]{60,80})"),
    _shape("a Telegram bot token", ":aa", r":AA(?<=\d{8}:AA)([A-Za-z0-9_\-]{33})(?![\w\-])"),
    _shape(
        "a Square token",
        "sq0atp- sq0csp- eaaa",
        r"\bsq0(?:atp|csp)-([A-Za-z0-9_\-]{22,60})|EAAA(?<![A-Za-z0-9+/]EAAA)([A-Za-z0-9_\-]{60})(?![A-Za-z0-9+/=_\-])",
    ),
    _shape("a Shopify token", "shpat_ shpca_ shppa_ shpss_", _word("shp") + r"(?:at|ca|pa|ss)_([a-fA-F0-9]{32})\b"),
    _shape(
        "an Azure client secret",
        "q~",
        r"(?<![A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\dQ~([A-Za-z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.\-])",
    ),
    _shape("an Artifactory token", "akcp cmvmd", r"\b(?:AKCp([A-Za-z0-9]{69})|cmVmd([A-Za-z0-9]{59}))\b"),
    _shape("a DigitalOcean token", "dop_v1_ doo_v1_ dor_v1_", r"\bdo[opr]_v1_([a-f0-9]{64})\b"),
    _shape("a Databricks token", "dapi", _word("dapi") + r"([a-f0-9]{32})(?:-\d)?\b"),
    _shape("a Doppler token", "dp.", _word("dp.") + r"(?:pt|st|ct|sa|scim|audit)\.([A-Za-z0-9]{40,44})"),
    _shape("a Dynatrace token", "dt0c01.", r"\bdt0c01\.[A-Za-z0-9]{24}\.([A-Za-z0-9]{64})"),
    _shape(
        "a Grafana token",
        "glsa_ glc_ eyjrijoi",
        r"\b(?:glsa_([A-Za-z0-9]{32})_[A-Fa-f0-9]{8}|glc_([A-Za-z0-9+/]{32,400})|eyJrIjoi([A-Za-z0-9]{70,400}))",
    ),
    _shape("a Hugging Face token", "hf_ api_org_", r"\b(?:hf_|api_org_)([A-Za-z]{34})\b"),
    _shape("a Linear key", "lin_api_", r"\blin_api_([A-Za-z0-9]{40})\b"),
    _shape("a Notion token", "ntn_", r"\bntn_\d{11}([A-Za-z0-9]{35})\b"),
    _shape("a Postman key", "pmak-", r"\bPMAK-[a-f0-9]{24}-([a-f0-9]{34})\b"),
    _shape("a Pulumi token", "pul-", _word("pul-") + r"([a-f0-9]{40})\b"),
    _shape("a Sentry token", "sntryu_ sntrys_", r"\b(?:sntryu_([a-f0-9]{64})|sntrys_eyJ([A-Za-z0-9+/=_\-]{40,400}))"),
    _shape("a PlanetScale token", "pscale_", r"\bpscale_(?:tkn|oauth|pw)_([A-Za-z0-9=\-_.]{32,64})"),
    _shape("a Vault token", "hvs. hvb.", _word("hv") + r"[sb]\.([A-Za-z0-9_\-]{90,300})"),
    _shape(
        "a Terraform Cloud token", ".atlasv1.", r"\.atlasv1\.(?<=[A-Za-z0-9]{14}\.atlasv1\.)([A-Za-z0-9_=\-]{60,70})"
    ),
    _shape("a New Relic key", "nrak- nrii-", r"\bNR(?:AK|II)-([A-Za-z0-9]{19,27})\b"),
    _shape("a Shippo token", "shippo_", r"\bshippo_(?:live|test)_([a-f0-9]{40})\b"),
    _shape("a Flutterwave key", "flwseck", r"\bFLWSECK(?:_TEST)?-([a-hA-H0-9]{32})-X"),
    _shape("a Brevo key", "xkeysib- xsmtpsib-", r"\bx(?:keysib|smtpsib)-([a-f0-9]{64})-[A-Za-z0-9]{16}"),
    _shape("a Perplexity key", "pplx-", r"\bpplx-([A-Za-z0-9]{48})\b"),
    _shape(
        "a Microsoft Teams webhook",
        "webhook.office.com",
        r"webhook\.office\.com/webhookb2/[a-z0-9\-]{36}@[a-z0-9\-]{36}/IncomingWebhook/([a-z0-9]{32})/",
    ),
    _shape("a Heroku key", "hrku-", r"\bHRKU-AA([0-9A-Za-z_\-]{58})"),
    _shape("a RubyGems key", "rubygems_", r"\brubygems_([a-f0-9]{48})\b"),
    _shape("a Clojars token", "clojars_", r"\b(?i:CLOJARS_)([A-Za-z0-9]{60})\b"),
    _shape("an Adobe secret", "p8e-", r"\bp8e-([A-Za-z0-9]{32})\b"),
    _shape("an Alibaba key", "ltai", r"\bLTAI([A-Za-z0-9]{20})\b"),
    _shape("an Atlassian token", "atatt3", r"\bATATT3([A-Za-z0-9_\-=]{186})"),
    _shape("a Fly.io token", "fo1_ fm1 fm2", r"\b(?:fo1_([\w\-]{43})|fm[12][ar]?_([A-Za-z0-9+/]{100,2000}))"),
    _shape("a Sourcegraph token", "sgp_", r"\bsgp_(?:(?:[a-fA-F0-9]{16}|local)_)?([a-fA-F0-9]{40})\b"),
    _shape("a Prefect key", "pnu_", r"\bpnu_([A-Za-z0-9]{36})\b"),
    _shape("a Mapbox secret token", "sk.eyj", r"\bsk\.eyJ[A-Za-z0-9_\-]{60,400}\.([A-Za-z0-9_\-]{22})"),
    _shape("a Cloudflare origin key", "v1.0-", r"\bv1\.0-[a-f0-9]{24}-([a-f0-9]{146})"),
    _shape("a Duffel token", "duffel_", r"\bduffel_(?:test|live)_([A-Za-z0-9_\-=]{43})\b"),
    _shape("an EasyPost key", "ezak eztk", r"\bEZ[AT]K([A-Za-z0-9]{54})\b"),
    _shape("a Harness token", "pat.", _word("pat.") + r"[A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.([A-Za-z0-9]{20})"),
    _shape("an Octopus Deploy key", "api-", _word("API-") + r"([A-Z0-9]{26})\b"),
    _shape("a Yandex key", "aqvn", r"\bAQVN([A-Za-z0-9_\-]{35,38})\b"),
    _shape("an Intra 42 secret", "s-s4t2", _word("s-s4t2") + r"(?:ud|af)-([a-f0-9]{64})\b"),
    _shape(
        "a Facebook token", "eaam eaac", r"EAA[MC](?<![A-Za-z0-9+/]EAA[MC])([A-Za-z0-9]{100,500})(?![A-Za-z0-9+/=])"
    ),
    _shape("a Facebook token", "", r"\b\d{15,16}(?:\||%7C)([0-9A-Za-z\-_]{27,40})(?![\w\-])"),
    _shape(
        "a password on a command line",
        "-u --user",
        r"-(?:u|-user)[ =]{1,4}['\"]?[^\s:'\"]{0,64}['\"]?:['\"]?([^\s'\"]{6,128})",
    ),
    _shape("a password or key literal", "login", _word("login") + r"[ \t]+\S{1,128}[ \t]+password[ \t]+(\S{6,128})"),
    _shape(
        "a password or key literal",
        "identified",
        r"(?i)\bidentified[ \t]+by[ \t]+(?:password[ \t]+)?['\"]([^'\"\n]{6,128})['\"]",
    ),
)
"""Every shape, key blocks first."""
