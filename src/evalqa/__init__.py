"""evalqa: exact answers from Japanese policy-evaluation sheets (政策評価 事前分析表)."""
from .figures import Figure
from .sheet import Section, Sheet, SheetError, Table, load_sheet

__all__ = ["Figure", "Section", "Sheet", "SheetError", "Table", "load_sheet"]
__version__ = "0.1.0"
