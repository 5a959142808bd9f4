"""Inter-coder agreement on span annotations: plain numbers from plain data (no Qt, no SQL).

:mod:`.unitizing` is Krippendorff's alpha for unitized continua (Krippendorff, Mathet,
Bouvry & Widlöcher 2016); :mod:`.kappa` Cohen's and Fleiss' kappa at character level;
:mod:`.f1` pairwise span F1 (exact and overlap); :mod:`.report` puts them together per tag
and overall for a set of coded texts (:class:`CodedText`).
"""

from clipper.agreement.report import (
    AgreementReport,
    CodedSpan,
    CodedText,
    TagAgreement,
    agreement_report,
)
from clipper.agreement.unitizing import AlphaResult, unitized_alpha

__all__ = [
    "AgreementReport",
    "AlphaResult",
    "CodedSpan",
    "CodedText",
    "TagAgreement",
    "agreement_report",
    "unitized_alpha",
]
