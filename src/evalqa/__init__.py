"""evalqa: exact answers from Japanese policy-evaluation sheets (政策評価 事前分析表)."""
from .answer import Answer, Assistant, Conversation
from .figures import Figure
from .index import BuildReport, Index, IndexFailure
from .search import Hit
from .sheet import Section, Sheet, SheetError, Table, load_sheet

__all__ = ["Answer", "Assistant", "BuildReport", "Conversation", "Figure", "Hit", "Index", "IndexFailure",
           "Section", "Sheet", "SheetError", "Table", "load_sheet"]
__version__ = "0.1.0"
