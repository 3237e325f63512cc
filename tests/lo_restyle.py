"""Run by the system Python (python3-uno): open each Word file in a real LibreOffice, change the
font of the Normal style (LibreOffice's "Standard") as a clerk would in the style list, and save
the result as PDF.  Usage: lo_restyle.py FONT OUT_DIR FILE.docx...  Prints one PDF path per file."""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(200):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not answer")


def main():
    font, out_dir, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    profile = tempfile.mkdtemp(prefix="vanthu-restyle-")
    pipe = f"vanthu_restyle_{os.getpid()}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--nologo", "--norestore",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"])
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for name in files:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(Path(name).resolve())), "_blank", 0,
                                               (prop("Hidden", True),))
            normal = doc.getStyleFamilies().getByName("ParagraphStyles").getByName("Standard")
            for key in ("CharFontName", "CharFontNameAsian", "CharFontNameComplex"):
                normal.setPropertyValue(key, font)
            pdf = out_dir / (Path(name).stem + ".pdf")
            doc.storeToURL(uno.systemPathToFileUrl(str(pdf.resolve())), (prop("FilterName", "writer_pdf_Export"),))
            doc.close(True)
            print(pdf)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(20)
        except subprocess.TimeoutExpired:
            office.kill()
        subprocess.run(["rm", "-rf", profile])


if __name__ == "__main__":
    main()
