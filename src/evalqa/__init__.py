"""evalqa: exact answers from Japanese policy-evaluation sheets (政策評価 事前分析表)."""
from .answer import Answer
from .assistant import Assistant
from .build import BuildReport
from .conversation import Conversation
from .errors import SheetError
from .figure import Figure
from .index import Index, IndexFailure
from .parser import load_sheet, load_sheets
from .search import Hit
from .sheet import Section, Sheet
from .tables import Table

__all__ = ["Answer", "Assistant", "BuildReport", "Conversation", "Figure", "Hit", "Index", "IndexFailure",
           "Section", "Sheet", "SheetError", "Table", "load_sheet",
           "load_sheets"]
__version__ = "0.1.0"
