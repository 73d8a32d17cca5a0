// Validate many EPUBs in one JVM: epubcheck's own command line takes one
// book per run, and JVM start-up would dominate the test suite.
// Run as: java -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java BOOK.epub...
// Prints epubcheck's messages for any book with an error or warning, then a
// line `FAIL path` for it; exits 1 if any book failed.

import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        int failed = 0;
        for (String path : args) {
            DefaultReportImpl report = new DefaultReportImpl(path);
            new EpubCheck(new File(path), report).doValidate();
            int problems = report.getFatalErrorCount() + report.getErrorCount() + report.getWarningCount();
            if (problems > 0) {
                failed++;
                System.out.println("FAIL " + path);
            }
        }
        System.out.println("checked " + args.length + " books, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
