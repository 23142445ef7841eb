"""Serve the evalqa chat UI: `python app.py [--host 127.0.0.1] [--port 7860]` (or `make run`)."""
from evalqa.serve import main

if __name__ == "__main__":
    main()
