<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
    <context>
        <name />
        <message>
            <source>Missions</source>
            <translation>Missions</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Country</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Places</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partners</translation>
        </message>
        <message>
            <source>Acronym</source>
            <translation>Acronym</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Categories</source>
            <translation>Categories</translation>
        </message>
        <message>
            <source>Name (English)</source>
            <translation>Name (English)</translation>
        </message>
        <message>
            <source>Name (French)</source>
            <translation>Name (French)</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>French acronym</source>
            <translation>French acronym</translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About Muster</source>
            <translation>About Muster</translation>
        </message>
        <message>
            <source>Version {version}</source>
            <translation>Version {version}</translation>
        </message>
        <message>
            <source>Muster records capacity-building trainings, their participants and attendance, offline.</source>
            <translation>Muster records capacity-building trainings, their participants and attendance, offline.</translation>
        </message>
        <message>
            <source>Version:</source>
            <translation>Version:</translation>
        </message>
        <message>
            <source>Data folder:</source>
            <translation>Data folder:</translation>
        </message>
        <message>
            <source>Database:</source>
            <translation>Database:</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>Program:</translation>
        </message>
        <message>
            <source>Installing a newer version keeps this data folder: Muster backs the database up, then upgrades it the first time it opens it.</source>
            <translation>Installing a newer version keeps this data folder: Muster backs the database up, then upgrades it the first time it opens it.</translation>
        </message>
        <message>
            <source>Open data folder</source>
            <translation>Open data folder</translation>
        </message>
    </context>
    <context>
        <name>AttendanceModel</name>
        <message>
            <source>Participant</source>
            <translation>Participant</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Present</translation>
        </message>
        <message>
            <source>{present} present of {recorded} recorded</source>
            <translation>{present} present of {recorded} recorded</translation>
        </message>
        <message>
            <source>{mark}: {minutes} min</source>
            <translation>{mark}: {minutes} min</translation>
        </message>
    </context>
    <context>
        <name>AttendancePage</name>
        <message>
            <source>&amp;Mark everyone present at this session</source>
            <translation>&amp;Mark everyone present at this session</translation>
        </message>
        <message>
            <source>No attendance recorded yet.</source>
            <translation>No attendance recorded yet.</translation>
        </message>
        <message>
            <source>Attendance rate: {rate}% ({present} present of {recorded} recorded marks)</source>
            <translation>Attendance rate: {rate}% ({present} present of {recorded} recorded marks)</translation>
        </message>
        <message>
            <source>Mark as &amp;held</source>
            <translation>Mark as &amp;held</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>Not now</translation>
        </message>
        <message>
            <source>Attendance is taken for the last session ({date}). The training is still marked as planned: mark it as held?</source>
            <translation>Attendance is taken for the last session ({date}). The training is still marked as planned: mark it as held?</translation>
        </message>
        <message>
            <source>✓ present   ✗ absent   E excused   ✓L late   ✓D left early   blank: not expected. Click a cell or press Space to change it; P, A, E, L, D set a mark (then type the minutes late or left early), Delete clears.</source>
            <translation>✓ present   ✗ absent   E excused   ✓L late   ✓D left early   blank: not expected. Click a cell or press Space to change it; P, A, E, L, D set a mark (then type the minutes late or left early), Delete clears.</translation>
        </message>
    </context>
    <context>
        <name>Certificates</name>
        <message numerus="yes">
            <source>%n certificate(s) saved: {path}</source>
            <translation>
                <numerusform>%n certificate saved: {path}</numerusform>
                <numerusform>%n certificates saved: {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>A signed certificate with a QR code for everyone who completed</source>
            <translation>A signed certificate with a QR code for everyone who completed</translation>
        </message>
        <message>
            <source>Issue &amp;certificates…</source>
            <translation>Issue &amp;certificates…</translation>
        </message>
        <message>
            <source>Save the certificates</source>
            <translation>Save the certificates</translation>
        </message>
        <message>
            <source>Signing the certificates…</source>
            <translation>Signing the certificates…</translation>
        </message>
        <message>
            <source>ZIP archives (*.zip)</source>
            <translation>ZIP archives (*.zip)</translation>
        </message>
        <message>
            <source>certificates</source>
            <translation>certificates</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <source>Consent and profile — %1</source>
            <translation>Consent and profile — %1</translation>
        </message>
        <message>
            <source>Consent, purpose by purpose</source>
            <translation>Consent, purpose by purpose</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Purpose</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Answer</translation>
        </message>
        <message>
            <source>Given on</source>
            <translation>Given on</translation>
        </message>
        <message>
            <source>Withdrawn on</source>
            <translation>Withdrawn on</translation>
        </message>
        <message>
            <source>not given</source>
            <translation>not given</translation>
        </message>
        <message>
            <source>Only the age band is kept, not the year.</source>
            <translation>Only the age band is kept, not the year.</translation>
        </message>
        <message>
            <source>Age and disability (Washington Group short set)</source>
            <translation>Age and disability (Washington Group short set)</translation>
        </message>
        <message>
            <source>Age band</source>
            <translation>Age band</translation>
        </message>
        <message>
            <source>or year of birth</source>
            <translation>or year of birth</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Muster: unexpected error</source>
            <translation>Muster: unexpected error</translation>
        </message>
        <message>
            <source>Muster ran into a problem it did not expect. Your saved data is safe: the change in progress was not saved. Please copy the details below and send them to your Muster support contact.</source>
            <translation>Muster ran into a problem it did not expect. Your saved data is safe: the change in progress was not saved. Please copy the details below and send them to your Muster support contact.</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>Copy details</translation>
        </message>
    </context>
    <context>
        <name>DetailsPage</name>
        <message>
            <source>For example: Investigating terrorism cases</source>
            <translation>For example: Investigating terrorism cases</translation>
        </message>
        <message>
            <source>For example: Criminal justice response</source>
            <translation>For example: Criminal justice response</translation>
        </message>
        <message>
            <source>Names separated by semicolons</source>
            <translation>Names separated by semicolons</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>&amp;Title</translation>
        </message>
        <message>
            <source>&amp;Mission</source>
            <translation>&amp;Mission</translation>
        </message>
        <message>
            <source>T&amp;heme</source>
            <translation>T&amp;heme</translation>
        </message>
        <message>
            <source>St&amp;atus</source>
            <translation>St&amp;atus</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>&amp;Kind</translation>
        </message>
        <message>
            <source>&amp;to</source>
            <translation>&amp;to</translation>
        </message>
        <message>
            <source>&amp;Dates</source>
            <translation>&amp;Dates</translation>
        </message>
        <message>
            <source>T&amp;rainers</source>
            <translation>T&amp;rainers</translation>
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation>D&amp;escription</translation>
        </message>
        <message>
            <source>Add &amp;session</source>
            <translation>Add &amp;session</translation>
        </message>
        <message>
            <source>Remove session</source>
            <translation>Remove session</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <source>Add &amp;partner</source>
            <translation>Add &amp;partner</translation>
        </message>
        <message>
            <source>Remove partner</source>
            <translation>Remove partner</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partners</translation>
        </message>
    </context>
    <context>
        <name>DocumentActions</name>
        <message>
            <source>Summary PDF…</source>
            <translation>Summary PDF…</translation>
        </message>
        <message>
            <source>Export the training's signed summary</source>
            <translation>Export the training's signed summary</translation>
        </message>
        <message>
            <source>Sign-in sheets…</source>
            <translation>Sign-in sheets…</translation>
        </message>
        <message>
            <source>Print attendance sheets for wet signatures</source>
            <translation>Print attendance sheets for wet signatures</translation>
        </message>
        <message>
            <source>Verify a document…</source>
            <translation>Verify a document…</translation>
        </message>
        <message>
            <source>My signing identity…</source>
            <translation>My signing identity…</translation>
        </message>
        <message>
            <source>Signed documents…</source>
            <translation>Signed documents…</translation>
        </message>
        <message>
            <source>Open the signed summaries of this training, made here or received</source>
            <translation>Open the signed summaries of this training, made here or received</translation>
        </message>
        <message>
            <source>Building and signing the summary…</source>
            <translation>Building and signing the summary…</translation>
        </message>
        <message>
            <source>Select a training in the list first.</source>
            <translation>Select a training in the list first.</translation>
        </message>
        <message>
            <source>Please choose where to save the PDF.</source>
            <translation>Please choose where to save the PDF.</translation>
        </message>
        <message numerus="yes">
            <source>Signed summary saved: {path} (%n page(s))</source>
            <translation>
                <numerusform>Signed summary saved: {path} (%n page)</numerusform>
                <numerusform>Signed summary saved: {path} (%n pages)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sign-in sheets saved: {path} (%n page(s))</source>
            <translation>
                <numerusform>Sign-in sheets saved: {path} (%n page)</numerusform>
                <numerusform>Sign-in sheets saved: {path} (%n pages)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsDialog</name>
        <message>
            <source>Signed on</source>
            <translation>Signed on</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>Signer</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Signed documents: %1</source>
            <translation>Signed documents: %1</translation>
        </message>
        <message>
            <source>Summaries signed on this computer, and those received from the field in bundles.</source>
            <translation>Summaries signed on this computer, and those received from the field in bundles.</translation>
        </message>
        <message>
            <source>No signed document for this training yet: use Summary PDF… to make one.</source>
            <translation>No signed document for this training yet: use Summary PDF… to make one.</translation>
        </message>
        <message>
            <source>received</source>
            <translation>received</translation>
        </message>
        <message>
            <source>this computer</source>
            <translation>this computer</translation>
        </message>
        <message>
            <source>%1 (missing)</source>
            <translation>%1 (missing)</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Open</translation>
        </message>
        <message>
            <source>&amp;Verify</source>
            <translation>&amp;Verify</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>with names</source>
            <translation>with names</translation>
        </message>
        <message>
            <source>figures only</source>
            <translation>figures only</translation>
        </message>
        <message>
            <source>The file {name} is no longer in the documents folder.</source>
            <translation>The file {name} is no longer in the documents folder.</translation>
        </message>
    </context>
    <context>
        <name>Duplicates</name>
        <message>
            <source>same name</source>
            <translation>same name</translation>
        </message>
        <message>
            <source>similar name</source>
            <translation>similar name</translation>
        </message>
        <message>
            <source>same phone</source>
            <translation>same phone</translation>
        </message>
        <message>
            <source>same e-mail</source>
            <translation>same e-mail</translation>
        </message>
        <message>
            <source>same organisation</source>
            <translation>same organisation</translation>
        </message>
        <message>
            <source>same sex</source>
            <translation>same sex</translation>
        </message>
        <message>
            <source>different sex</source>
            <translation>different sex</translation>
        </message>
        <message>
            <source>different phone</source>
            <translation>different phone</translation>
        </message>
        <message>
            <source>already registered</source>
            <translation>already registered</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message>
            <source>Possible duplicates</source>
            <translation>Possible duplicates</translation>
        </message>
        <message>
            <source>Looking for people recorded twice…</source>
            <translation>Looking for people recorded twice…</translation>
        </message>
        <message>
            <source>First record</source>
            <translation>First record</translation>
        </message>
        <message>
            <source>Second record</source>
            <translation>Second record</translation>
        </message>
        <message>
            <source>Same person: keep the first record</source>
            <translation>Same person: keep the first record</translation>
        </message>
        <message>
            <source>Same person: keep the second record</source>
            <translation>Same person: keep the second record</translation>
        </message>
        <message>
            <source>Not the same person</source>
            <translation>Not the same person</translation>
        </message>
        <message numerus="yes">
            <source>%n pair(s) of records may be the same person. Compare them and merge the ones that are.</source>
            <translation>
                <numerusform>%n pair of records may be the same person. Compare them and merge the ones that are.</numerusform>
                <numerusform>%n pairs of records may be the same person. Compare them and merge the ones that are.</numerusform>
            </translation>
        </message>
        <message>
            <source>No possible duplicates: every person has one record.</source>
            <translation>No possible duplicates: every person has one record.</translation>
        </message>
        <message>
            <source>{other} will be merged into {keep}: every registration and attendance of {other} moves to {keep}, and the record {other} disappears. Merge?</source>
            <translation>{other} will be merged into {keep}: every registration and attendance of {other} moves to {keep}, and the record {other} disappears. Merge?</translation>
        </message>
        <message>
            <source>Merge two records</source>
            <translation>Merge two records</translation>
        </message>
        <message>
            <source>Merge</source>
            <translation>Merge</translation>
        </message>
    </context>
    <context>
        <name>EvaluationPage</name>
        <message>
            <source>At least this share of the sessions</source>
            <translation>At least this share of the sessions</translation>
        </message>
        <message>
            <source>Every session marked required</source>
            <translation>Every session marked required</translation>
        </message>
        <message>
            <source>no test</source>
            <translation>no test</translation>
        </message>
        <message>
            <source>&amp;Import scores…</source>
            <translation>&amp;Import scores…</translation>
        </message>
        <message>
            <source>Issue &amp;certificates…</source>
            <translation>Issue &amp;certificates…</translation>
        </message>
        <message>
            <source>Feedback &amp;form…</source>
            <translation>Feedback &amp;form…</translation>
        </message>
        <message>
            <source>Completed when:</source>
            <translation>Completed when:</translation>
        </message>
        <message>
            <source>Knowledge test out of:</source>
            <translation>Knowledge test out of:</translation>
        </message>
        <message>
            <source>Type the scores and the feedback forms' answers from paper: ratings 1 to 5, yes/no as 1 or 0, Enter or Tab to move on. Each entry is saved at once.</source>
            <translation>Type the scores and the feedback forms' answers from paper: ratings 1 to 5, yes/no as 1 or 0, Enter or Tab to move on. Each entry is saved at once.</translation>
        </message>
        <message>
            <source>Completed: {done} of {total}</source>
            <translation>Completed: {done} of {total}</translation>
        </message>
        <message>
            <source>Participant</source>
            <translation>Participant</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Hours</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Completed</translation>
        </message>
        <message>
            <source>Pre-test</source>
            <translation>Pre-test</translation>
        </message>
        <message>
            <source>Post-test</source>
            <translation>Post-test</translation>
        </message>
        <message>
            <source>Overall</source>
            <translation>Overall</translation>
        </message>
        <message>
            <source>Relevance</source>
            <translation>Relevance</translation>
        </message>
        <message>
            <source>Recommend</source>
            <translation>Recommend</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Comment</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <source>Nobody has both scores yet.</source>
            <translation>Nobody has both scores yet.</translation>
        </message>
        <message>
            <source>{n} with both scores: average gain {gain} points of 100; {improved} improved.</source>
            <translation>{n} with both scores: average gain {gain} points of 100; {improved} improved.</translation>
        </message>
        <message>
            <source>“{text}” is not a number.</source>
            <translation>“{text}” is not a number.</translation>
        </message>
        <message>
            <source>Import scores</source>
            <translation>Import scores</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.csv)</source>
            <translation>Spreadsheets (*.xlsx *.csv)</translation>
        </message>
        <message>
            <source>{scores} scores imported for {people} participants; {skipped} rows skipped.</source>
            <translation>{scores} scores imported for {people} participants; {skipped} rows skipped.</translation>
        </message>
    </context>
    <context>
        <name>EvidencePage</name>
        <message>
            <source>Attach scans of the signed sign-in sheets, photos and other files. They are kept encrypted in the data folder, listed with their SHA-256 in the signed summary and sent to HQ in the bundles.</source>
            <translation>Attach scans of the signed sign-in sheets, photos and other files. They are kept encrypted in the data folder, listed with their SHA-256 in the signed summary and sent to HQ in the bundles.</translation>
        </message>
        <message>
            <source>Attach files…</source>
            <translation>Attach files…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Save a copy…</source>
            <translation>Save a copy…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Attach to:</source>
            <translation>Attach to:</translation>
        </message>
        <message>
            <source>The whole training</source>
            <translation>The whole training</translation>
        </message>
        <message>
            <source>training</source>
            <translation>training</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 MiB of %2 MiB</source>
            <translation>%1 MiB of %2 MiB</translation>
        </message>
        <message>
            <source>Attach evidence files</source>
            <translation>Attach evidence files</translation>
        </message>
        <message>
            <source>Save a copy</source>
            <translation>Save a copy</translation>
        </message>
        <message>
            <source>Saved %1.</source>
            <translation>Saved %1.</translation>
        </message>
    </context>
    <context>
        <name>FeedbackQuestionsDialog</name>
        <message>
            <source>Feedback form of {mission}</source>
            <translation>Feedback form of {mission}</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>French</source>
            <translation>French</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>Retired</translation>
        </message>
        <message>
            <source>&amp;Add a question</source>
            <translation>&amp;Add a question</translation>
        </message>
        <message>
            <source>The standard questions keep their kind; retire a question to leave it off the form (its answers are kept).</source>
            <translation>The standard questions keep their kind; retire a question to leave it off the form (its answers are kept).</translation>
        </message>
        <message>
            <source>Rating 1 to 5</source>
            <translation>Rating 1 to 5</translation>
        </message>
        <message>
            <source>Yes / no</source>
            <translation>Yes / no</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Comment</translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <source>Choose the participant list</source>
            <translation>Choose the participant list</translation>
        </message>
        <message>
            <source>An Excel workbook (.xlsx) or a CSV file. Title rows above the column titles and blank lines are fine.</source>
            <translation>An Excel workbook (.xlsx) or a CSV file. Title rows above the column titles and blank lines are fine.</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>File to import</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>Sheet:</source>
            <translation>Sheet:</translation>
        </message>
        <message>
            <source>Import participants</source>
            <translation>Import participants</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)</source>
            <translation>Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>HqDashboard</name>
        <message>
            <source>HQ dashboard — all missions</source>
            <translation>HQ dashboard — all missions</translation>
        </message>
        <message>
            <source>Group by:</source>
            <translation>Group by:</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Participant category</source>
            <translation>Participant category</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Month</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>Quarter</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Year</translation>
        </message>
        <message>
            <source>Age band</source>
            <translation>Age band</translation>
        </message>
        <message>
            <source>Disability</source>
            <translation>Disability</translation>
        </message>
        <message>
            <source>Export table…</source>
            <translation>Export table…</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>Group</translation>
        </message>
        <message>
            <source>Trainings</source>
            <translation>Trainings</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Women</source>
            <translation>Women</translation>
        </message>
        <message>
            <source>Men</source>
            <translation>Men</translation>
        </message>
        <message>
            <source>Women %</source>
            <translation>Women %</translation>
        </message>
        <message>
            <source>Select a row to see its trainings.</source>
            <translation>Select a row to see its trainings.</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>End</source>
            <translation>End</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Places</translation>
        </message>
        <message>
            <source>Devices (bundles received):</source>
            <translation>Devices (bundles received):</translation>
        </message>
        <message>
            <source>Focal point</source>
            <translation>Focal point</translation>
        </message>
        <message>
            <source>Last bundle</source>
            <translation>Last bundle</translation>
        </message>
        <message>
            <source>Received (UTC)</source>
            <translation>Received (UTC)</translation>
        </message>
        <message>
            <source>Missing bundles</source>
            <translation>Missing bundles</translation>
        </message>
        <message>
            <source>Per-diem: {totals}</source>
            <translation>Per-diem: {totals}</translation>
        </message>
        <message>
            <source>Trainings for {key}:</source>
            <translation>Trainings for {key}:</translation>
        </message>
        <message>
            <source>Export table</source>
            <translation>Export table</translation>
        </message>
        <message>
            <source>Table written to {path}.</source>
            <translation>Table written to {path}.</translation>
        </message>
        <message>
            <source>(no category)</source>
            <translation>(no category)</translation>
        </message>
        <message numerus="yes">
            <source>%n training(s)</source>
            <translation>
                <numerusform>%n training</numerusform>
                <numerusform>%n trainings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unique participant(s)</source>
            <translation>
                <numerusform>%n unique participant</numerusform>
                <numerusform>%n unique participants</numerusform>
            </translation>
        </message>
        <message>
            <source>({share} women)</source>
            <translation>({share} women)</translation>
        </message>
        <message numerus="yes">
            <source>%n mission(s)</source>
            <translation>
                <numerusform>%n mission</numerusform>
                <numerusform>%n missions</numerusform>
            </translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Completed</translation>
        </message>
        <message numerus="yes">
            <source>%n completed</source>
            <translation>
                <numerusform>%n completed</numerusform>
                <numerusform>%n completed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IdentityDialog</name>
        <message>
            <source>Set up your signing identity</source>
            <translation>Set up your signing identity</translation>
        </message>
        <message>
            <source>Muster signs the summaries you export so that HQ can check they come from you and were not changed. Your key stays on this computer, protected by a passphrase of at least {n} characters. If you forget it, you will need a new identity.</source>
            <translation>Muster signs the summaries you export so that HQ can check they come from you and were not changed. Your key stays on this computer, protected by a passphrase of at least {n} characters. If you forget it, you will need a new identity.</translation>
        </message>
        <message>
            <source>e.g. Training focal point</source>
            <translation>e.g. Training focal point</translation>
        </message>
        <message>
            <source>Field (a mission)</source>
            <translation>Field (a mission)</translation>
        </message>
        <message>
            <source>Headquarters</source>
            <translation>Headquarters</translation>
        </message>
        <message>
            <source>Mission code, e.g. MONUSCO</source>
            <translation>Mission code, e.g. MONUSCO</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <source>Your title</source>
            <translation>Your title</translation>
        </message>
        <message>
            <source>Installation</source>
            <translation>Installation</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>E-mail (optional)</source>
            <translation>E-mail (optional)</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Passphrase</translation>
        </message>
        <message>
            <source>Passphrase again</source>
            <translation>Passphrase again</translation>
        </message>
        <message>
            <source>The two passphrases are not the same.</source>
            <translation>The two passphrases are not the same.</translation>
        </message>
    </context>
    <context>
        <name>IdentityInfoDialog</name>
        <message>
            <source>My signing identity</source>
            <translation>My signing identity</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Created</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Fingerprint</translation>
        </message>
        <message>
            <source>Send your certificate to HQ and read them the fingerprint over the phone, so they know it is yours.</source>
            <translation>Send your certificate to HQ and read them the fingerprint over the phone, so they know it is yours.</translation>
        </message>
        <message>
            <source>Export certificate…</source>
            <translation>Export certificate…</translation>
        </message>
        <message>
            <source>Export certificate</source>
            <translation>Export certificate</translation>
        </message>
        <message>
            <source>Certificates (*.pem)</source>
            <translation>Certificates (*.pem)</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>a total line, not a person</source>
            <translation>a total line, not a person</translation>
        </message>
        <message>
            <source>a signature line, not a person</source>
            <translation>a signature line, not a person</translation>
        </message>
        <message>
            <source>a note under the table, not a person</source>
            <translation>a note under the table, not a person</translation>
        </message>
        <message>
            <source>the column titles again (a new printed page), not a person</source>
            <translation>the column titles again (a new printed page), not a person</translation>
        </message>
        <message>
            <source>below the table's total or signature line, with only a name</source>
            <translation>below the table's total or signature line, with only a name</translation>
        </message>
        <message>
            <source>a spreadsheet formula, not a name</source>
            <translation>a spreadsheet formula, not a name</translation>
        </message>
        <message>
            <source>HXL hashtags (for data tools), not a person</source>
            <translation>HXL hashtags (for data tools), not a person</translation>
        </message>
        <message>
            <source>a heading or a total line, not a person</source>
            <translation>a heading or a total line, not a person</translation>
        </message>
        <message>
            <source>no name</source>
            <translation>no name</translation>
        </message>
        <message>
            <source>no name (only numbers or symbols)</source>
            <translation>no name (only numbers or symbols)</translation>
        </message>
        <message>
            <source>the name is too short to be a name</source>
            <translation>the name is too short to be a name</translation>
        </message>
        <message>
            <source>looks like a number, not a name</source>
            <translation>looks like a number, not a name</translation>
        </message>
        <message>
            <source>too long to be a name</source>
            <translation>too long to be a name</translation>
        </message>
        <message>
            <source>(ignore)</source>
            <translation>(ignore)</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Last name</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>First name</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Function / rank</source>
            <translation>Function / rank</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Nationality</source>
            <translation>Nationality</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Import participants</source>
            <translation>Import participants</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
    </context>
    <context>
        <name>ListDialog</name>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Trainings</source>
            <translation>Trainings</translation>
        </message>
        <message>
            <source>Where this installation keeps its data</source>
            <translation>Where this installation keeps its data</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Undo</translation>
        </message>
        <message>
            <source>&amp;New training</source>
            <translation>&amp;New training</translation>
        </message>
        <message>
            <source>&amp;Close tab</source>
            <translation>&amp;Close tab</translation>
        </message>
        <message>
            <source>&amp;Reference lists…</source>
            <translation>&amp;Reference lists…</translation>
        </message>
        <message>
            <source>Your &amp;profile…</source>
            <translation>Your &amp;profile…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Undo delete</source>
            <translation>&amp;Undo delete</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Find…</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Open</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>D&amp;uplicate for next month</source>
            <translation>D&amp;uplicate for next month</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>&amp;Delete…</translation>
        </message>
        <message>
            <source>De&amp;tails</source>
            <translation>De&amp;tails</translation>
        </message>
        <message>
            <source>&amp;Participants</source>
            <translation>&amp;Participants</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>&amp;Training</translation>
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation>&amp;Sync</translation>
        </message>
        <message>
            <source>T&amp;ools</source>
            <translation>T&amp;ools</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;Attendance</source>
            <translation>&amp;Attendance</translation>
        </message>
        <message>
            <source>Su&amp;mmary</source>
            <translation>Su&amp;mmary</translation>
        </message>
        <message>
            <source>&amp;Add participants</source>
            <translation>&amp;Add participants</translation>
        </message>
        <message>
            <source>&amp;Trainings list</source>
            <translation>&amp;Trainings list</translation>
        </message>
        <message>
            <source>&amp;Clear filters</source>
            <translation>&amp;Clear filters</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <source>&amp;About Muster</source>
            <translation>&amp;About Muster</translation>
        </message>
        <message numerus="yes">
            <source>%n training(s)</source>
            <translation>
                <numerusform>%n training</numerusform>
                <numerusform>%n trainings</numerusform>
            </translation>
        </message>
        <message>
            <source>Made a copy for {date}: {title}</source>
            <translation>Made a copy for {date}: {title}</translation>
        </message>
        <message>
            <source>Delete training</source>
            <translation>Delete training</translation>
        </message>
        <message>
            <source>Delete “{title}” with its sessions, participants' registrations and attendance? You can undo this until your next action.</source>
            <translation>Delete “{title}” with its sessions, participants' registrations and attendance? You can undo this until your next action.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Undo delete</source>
            <translation>Undo delete</translation>
        </message>
        <message>
            <source>Deleted “{title}”.</source>
            <translation>Deleted “{title}”.</translation>
        </message>
        <message>
            <source>Brought back “{title}”.</source>
            <translation>Brought back “{title}”.</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message numerus="yes">
            <source>%n participant(s) exported to {path}</source>
            <translation>
                <numerusform>%n participant exported to {path}</numerusform>
                <numerusform>%n participants exported to {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Add participants from an Excel or CSV list</source>
            <translation>Add participants from an Excel or CSV list</translation>
        </message>
        <message>
            <source>CSV for Excel, comma-separated (*.csv)</source>
            <translation>CSV for Excel, comma-separated (*.csv)</translation>
        </message>
        <message>
            <source>CSV for French Excel, semicolon-separated (*.csv)</source>
            <translation>CSV for French Excel, semicolon-separated (*.csv)</translation>
        </message>
        <message>
            <source>Choose a training</source>
            <translation>Choose a training</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <source>Excel workbook with HXL hashtags (*.xlsx)</source>
            <translation>Excel workbook with HXL hashtags (*.xlsx)</translation>
        </message>
        <message>
            <source>Export figures</source>
            <translation>Export figures</translation>
        </message>
        <message>
            <source>Export figures…</source>
            <translation>Export figures…</translation>
        </message>
        <message>
            <source>Export participants</source>
            <translation>Export participants</translation>
        </message>
        <message>
            <source>Export participants…</source>
            <translation>Export participants…</translation>
        </message>
        <message>
            <source>Figures exported to {path}</source>
            <translation>Figures exported to {path}</translation>
        </message>
        <message>
            <source>Find people recorded twice and merge them</source>
            <translation>Find people recorded twice and merge them</translation>
        </message>
        <message>
            <source>Import participants…</source>
            <translation>Import participants…</translation>
        </message>
        <message>
            <source>Possible duplicates…</source>
            <translation>Possible duplicates…</translation>
        </message>
        <message>
            <source>Save the participant list as Excel or CSV</source>
            <translation>Save the participant list as Excel or CSV</translation>
        </message>
        <message>
            <source>Save the summary tables (by category, sex, partner, session…) as Excel</source>
            <translation>Save the summary tables (by category, sex, partner, session…) as Excel</translation>
        </message>
        <message>
            <source>Select a training in the list first.</source>
            <translation>Select a training in the list first.</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Print</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) sent to the printer.</source>
            <translation>
                <numerusform>%n page sent to the printer.</numerusform>
                <numerusform>%n pages sent to the printer.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Showing %n of {total} trainings</source>
            <translation>
                <numerusform>Showing %n of {total} trainings</numerusform>
                <numerusform>Showing %n of {total} trainings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Demo data loaded: %n training(s).</source>
            <translation>
                <numerusform>Demo data loaded: %n training.</numerusform>
                <numerusform>Demo data loaded: %n trainings.</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the selected training</source>
            <translation>Open the selected training</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <source>Add the typed participant</source>
            <translation>Add the typed participant</translation>
        </message>
        <message>
            <source>Attendance: present, absent, excused, blank</source>
            <translation>Attendance: present, absent, excused, blank</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Space</translation>
        </message>
        <message>
            <source>E&amp;valuation</source>
            <translation>E&amp;valuation</translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message>
            <source>What is in each column?</source>
            <translation>What is in each column?</translation>
        </message>
        <message>
            <source>Muster guessed from the column titles. Change what is wrong; set columns you do not need to '(ignore)'.</source>
            <translation>Muster guessed from the column titles. Change what is wrong; set columns you do not need to '(ignore)'.</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Column in the file</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>First values</translation>
        </message>
        <message>
            <source>Import as</source>
            <translation>Import as</translation>
        </message>
        <message>
            <source>Remember these choices for files with the same columns</source>
            <translation>Remember these choices for files with the same columns</translation>
        </message>
        <message>
            <source>Reading the file…</source>
            <translation>Reading the file…</translation>
        </message>
        <message>
            <source>{file}{sheet}: column titles on row {line}, {rows} rows below them.</source>
            <translation>{file}{sheet}: column titles on row {line}, {rows} rows below them.</translation>
        </message>
        <message>
            <source>Attendance on {day}</source>
            <translation>Attendance on {day}</translation>
        </message>
        <message>
            <source>(column {n})</source>
            <translation>(column {n})</translation>
        </message>
    </context>
    <context>
        <name>Muster</name>
        <message>
            <source>Absent</source>
            <translation>Absent</translation>
        </message>
        <message>
            <source>Bundle</source>
            <translation>Bundle</translation>
        </message>
        <message>
            <source>Bundle {seq} written to {path}: {records} records, {docs} signed documents.</source>
            <translation>Bundle {seq} written to {path}: {records} records, {docs} signed documents.</translation>
        </message>
        <message>
            <source>Bundles are accepted only from these signers, each within its rights. Remove trust stops accepting one here; Revoke (HQ) tells every installation, through your next bundles and receipts.</source>
            <translation>Bundles are accepted only from these signers, each within its rights. Remove trust stops accepting one here; Revoke (HQ) tells every installation, through your next bundles and receipts.</translation>
        </message>
        <message>
            <source>Bundles that are not encrypted are accepted again, except from a device that has sent encrypted ones.</source>
            <translation>Bundles that are not encrypted are accepted again, except from a device that has sent encrypted ones.</translation>
        </message>
        <message>
            <source>Bundles that are not encrypted are now refused here.</source>
            <translation>Bundles that are not encrypted are now refused here.</translation>
        </message>
        <message>
            <source>Bundles will now be encrypted for HQ ({name}).</source>
            <translation>Bundles will now be encrypted for HQ ({name}).</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Check HQ's key</source>
            <translation>Check HQ's key</translation>
        </message>
        <message>
            <source>Checking bundles…</source>
            <translation>Checking bundles…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Co-organiser</source>
            <translation>Co-organiser</translation>
        </message>
        <message>
            <source>Conference</source>
            <translation>Conference</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Conflicts to review</source>
            <translation>Conflicts to review</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Deleted</translation>
        </message>
        <message>
            <source>Detected (UTC)</source>
            <translation>Detected (UTC)</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>Device</translation>
        </message>
        <message>
            <source>Device:</source>
            <translation>Device:</translation>
        </message>
        <message>
            <source>Do you want to save them?</source>
            <translation>Do you want to save them?</translation>
        </message>
        <message>
            <source>Encrypted</source>
            <translation>Encrypted</translation>
        </message>
        <message>
            <source>Enrolment revoked on {when} by {who}</source>
            <translation>Enrolment revoked on {when} by {who}</translation>
        </message>
        <message>
            <source>Enrolment {serial}</source>
            <translation>Enrolment {serial}</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>Excused</translation>
        </message>
        <message>
            <source>Export HQ's key</source>
            <translation>Export HQ's key</translation>
        </message>
        <message>
            <source>Export HQ's key…</source>
            <translation>Export HQ's key…</translation>
        </message>
        <message>
            <source>Export bundle for HQ</source>
            <translation>Export bundle for HQ</translation>
        </message>
        <message>
            <source>Export bundle for HQ…</source>
            <translation>Export bundle for HQ…</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Fingerprint</translation>
        </message>
        <message>
            <source>Fingerprint:</source>
            <translation>Fingerprint:</translation>
        </message>
        <message>
            <source>Fingerprint:
{fp}

Check it with {name} (by phone, for example) before trusting.</source>
            <translation>Fingerprint:
{fp}

Check it with {name} (by phone, for example) before trusting.</translation>
        </message>
        <message>
            <source>Fingerprint: {fp}

Other installations still trust them: to stop them everywhere, revoke the device instead.</source>
            <translation>Fingerprint: {fp}

Other installations still trust them: to stop them everywhere, revoke the device instead.</translation>
        </message>
        <message>
            <source>For example: laptop stolen</source>
            <translation>For example: laptop stolen</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Funder</source>
            <translation>Funder</translation>
        </message>
        <message>
            <source>HQ</source>
            <translation>HQ</translation>
        </message>
        <message>
            <source>HQ dashboard</source>
            <translation>HQ dashboard</translation>
        </message>
        <message>
            <source>HQ key</source>
            <translation>HQ key</translation>
        </message>
        <message>
            <source>HQ's key written to {path}.</source>
            <translation>HQ's key written to {path}.</translation>
        </message>
        <message>
            <source>HQ's passphrase (it protects HQ's decryption key; use your signing passphrase):</source>
            <translation>HQ's passphrase (it protects HQ's decryption key; use your signing passphrase):</translation>
        </message>
        <message>
            <source>HQ: {name}
Fingerprint:
{fp}
Key: {key}

Check the fingerprint with HQ (by phone, for example) before using this key.</source>
            <translation>HQ: {name}
Fingerprint:
{fp}
Key: {key}

Check the fingerprint with HQ (by phone, for example) before using this key.</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Held</translation>
        </message>
        <message>
            <source>Import a receipt from HQ</source>
            <translation>Import a receipt from HQ</translation>
        </message>
        <message>
            <source>Import a receipt from HQ…</source>
            <translation>Import a receipt from HQ…</translation>
        </message>
        <message>
            <source>Import bundles</source>
            <translation>Import bundles</translation>
        </message>
        <message>
            <source>Import bundles…</source>
            <translation>Import bundles…</translation>
        </message>
        <message>
            <source>Import log</source>
            <translation>Import log</translation>
        </message>
        <message>
            <source>Imported by</source>
            <translation>Imported by</translation>
        </message>
        <message>
            <source>It is encrypted for HQ.</source>
            <translation>It is encrypted for HQ.</translation>
        </message>
        <message>
            <source>Keep the kept version</source>
            <translation>Keep the kept version</translation>
        </message>
        <message>
            <source>Kept ⟷ other version</source>
            <translation>Kept ⟷ other version</translation>
        </message>
        <message>
            <source>Last bundle (UTC)</source>
            <translation>Last bundle (UTC)</translation>
        </message>
        <message>
            <source>Lead</source>
            <translation>Lead</translation>
        </message>
        <message>
            <source>Load HQ's key</source>
            <translation>Load HQ's key</translation>
        </message>
        <message>
            <source>Load HQ's key…</source>
            <translation>Load HQ's key…</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Mission:</source>
            <translation>Mission:</translation>
        </message>
        <message>
            <source>Muster bundles (*.muster)</source>
            <translation>Muster bundles (*.muster)</translation>
        </message>
        <message>
            <source>Muster receipts (*.json)</source>
            <translation>Muster receipts (*.json)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <source>No HQ you trust signed this key.</source>
            <translation>No HQ you trust signed this key.</translation>
        </message>
        <message>
            <source>No bundles imported yet.</source>
            <translation>No bundles imported yet.</translation>
        </message>
        <message>
            <source>No conflicts to review.</source>
            <translation>No conflicts to review.</translation>
        </message>
        <message>
            <source>Not stated</source>
            <translation>Not stated</translation>
        </message>
        <message>
            <source>Not yet</source>
            <translation>Not yet</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>Planned</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Present</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>Reason:</translation>
        </message>
        <message>
            <source>Receipt from HQ</source>
            <translation>Receipt from HQ</translation>
        </message>
        <message>
            <source>Receipt written: {n} bundles.</source>
            <translation>Receipt written: {n} bundles.</translation>
        </message>
        <message>
            <source>Received (UTC)</source>
            <translation>Received (UTC)</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Refuse every bundle that is not encrypted for HQ, from any device</source>
            <translation>Refuse every bundle that is not encrypted for HQ, from any device</translation>
        </message>
        <message>
            <source>Remove trust</source>
            <translation>Remove trust</translation>
        </message>
        <message>
            <source>Remove trust…</source>
            <translation>Remove trust…</translation>
        </message>
        <message>
            <source>Removed on {when}</source>
            <translation>Removed on {when}</translation>
        </message>
        <message>
            <source>Revocations</source>
            <translation>Revocations</translation>
        </message>
        <message>
            <source>Revocations ({n})</source>
            <translation>Revocations ({n})</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>Revoke</translation>
        </message>
        <message>
            <source>Revoke only the HQ enrolment it is trusted by (a wrong mission, say)</source>
            <translation>Revoke only the HQ enrolment it is trusted by (a wrong mission, say)</translation>
        </message>
        <message>
            <source>Revoke {name}</source>
            <translation>Revoke {name}</translation>
        </message>
        <message>
            <source>Revoked</source>
            <translation>Revoked</translation>
        </message>
        <message>
            <source>Revoked by</source>
            <translation>Revoked by</translation>
        </message>
        <message>
            <source>Revoked on {when} by {who}</source>
            <translation>Revoked on {when} by {who}</translation>
        </message>
        <message>
            <source>Revoke…</source>
            <translation>Revoke…</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Seminar</source>
            <translation>Seminar</translation>
        </message>
        <message>
            <source>Side event</source>
            <translation>Side event</translation>
        </message>
        <message>
            <source>Standing</source>
            <translation>Standing</translation>
        </message>
        <message>
            <source>Stop trusting {name}? Their bundles are refused here from now on.</source>
            <translation>Stop trusting {name}? Their bundles are refused here from now on.</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>Table</translation>
        </message>
        <message>
            <source>The revocation is signed with your key and travels in your next bundles and receipts: every installation it reaches refuses this device's bundles. The device cannot undo it; only a person trusting it again at an installation can.</source>
            <translation>The revocation is signed with your key and travels in your next bundles and receipts: every installation it reaches refuses this device's bundles. The device cannot undo it; only a person trusting it again at an installation can.</translation>
        </message>
        <message>
            <source>They will be trusted as HQ: they may change everything.</source>
            <translation>They will be trusted as HQ: they may change everything.</translation>
        </message>
        <message>
            <source>They will be trusted as a field device of {mission}: they may change that mission's trainings only.</source>
            <translation>They will be trusted as a field device of {mission}: they may change that mission's trainings only.</translation>
        </message>
        <message>
            <source>This bundle is encrypted for HQ. Enter HQ's passphrase:</source>
            <translation>This bundle is encrypted for HQ. Enter HQ's passphrase:</translation>
        </message>
        <message>
            <source>This bundle is signed by {name} ({mission}), who is not in your trusted list.</source>
            <translation>This bundle is signed by {name} ({mission}), who is not in your trusted list.</translation>
        </message>
        <message>
            <source>This key would replace the HQ key already set, and no HQ you trust signed it.</source>
            <translation>This key would replace the HQ key already set, and no HQ you trust signed it.</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Training</translation>
        </message>
        <message>
            <source>Trust again</source>
            <translation>Trust again</translation>
        </message>
        <message>
            <source>Trust again…</source>
            <translation>Trust again…</translation>
        </message>
        <message>
            <source>Trust and import</source>
            <translation>Trust and import</translation>
        </message>
        <message>
            <source>Trust {name} again?</source>
            <translation>Trust {name} again?</translation>
        </message>
        <message>
            <source>Trusted</source>
            <translation>Trusted</translation>
        </message>
        <message>
            <source>Trusted (HQ enrolment)</source>
            <translation>Trusted (HQ enrolment)</translation>
        </message>
        <message>
            <source>Trusted devices</source>
            <translation>Trusted devices</translation>
        </message>
        <message>
            <source>Trusted devices…</source>
            <translation>Trusted devices…</translation>
        </message>
        <message>
            <source>Trusted signers</source>
            <translation>Trusted signers</translation>
        </message>
        <message>
            <source>Unknown signer</source>
            <translation>Unknown signer</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Updated</translation>
        </message>
        <message>
            <source>Use the other version</source>
            <translation>Use the other version</translation>
        </message>
        <message>
            <source>Use this key</source>
            <translation>Use this key</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation>When (UTC)</translation>
        </message>
        <message>
            <source>Workshop</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <source>Write a receipt</source>
            <translation>Write a receipt</translation>
        </message>
        <message>
            <source>Write a receipt for the field…</source>
            <translation>Write a receipt for the field…</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Yes</translation>
        </message>
        <message>
            <source>no. {seq}, {when}</source>
            <translation>no. {seq}, {when}</translation>
        </message>
        <message>
            <source>{name} is no longer trusted here.</source>
            <translation>{name} is no longer trusted here.</translation>
        </message>
        <message>
            <source>{name} is trusted again.</source>
            <translation>{name} is trusted again.</translation>
        </message>
        <message>
            <source>{name}'s device is revoked (on {when} UTC). The revocation travels in your next bundles and receipts.</source>
            <translation>{name}'s device is revoked (on {when} UTC). The revocation travels in your next bundles and receipts.</translation>
        </message>
        <message>
            <source>{name}'s enrolment is revoked (on {when} UTC); a new enrolment accepts the device again. The revocation travels in your next bundles and receipts.</source>
            <translation>{name}'s enrolment is revoked (on {when} UTC); a new enrolment accepts the device again. The revocation travels in your next bundles and receipts.</translation>
        </message>
        <message>
            <source>{what} has changes that are not saved yet.</source>
            <translation>{what} has changes that are not saved yet.</translation>
        </message>
        <message>
            <source>A file called {name} is already in that folder.</source>
            <translation>A file called {name} is already in that folder.</translation>
        </message>
        <message>
            <source>Civil society</source>
            <translation>Civil society</translation>
        </message>
        <message>
            <source>Donor</source>
            <translation>Donor</translation>
        </message>
        <message>
            <source>Export without encryption</source>
            <translation>Export without encryption</translation>
        </message>
        <message>
            <source>File already there</source>
            <translation>File already there</translation>
        </message>
        <message>
            <source>HQ keys (*.key);;All files (*)</source>
            <translation>HQ keys (*.key);;All files (*)</translation>
        </message>
        <message>
            <source>HQ's key is not loaded on this computer, so this bundle would NOT be encrypted: anyone who finds the USB stick or the e-mail could read the participants' names.</source>
            <translation>HQ's key is not loaded on this computer, so this bundle would NOT be encrypted: anyone who finds the USB stick or the e-mail could read the participants' names.</translation>
        </message>
        <message>
            <source>It is not encrypted.</source>
            <translation>It is not encrypted.</translation>
        </message>
        <message>
            <source>Load the key HQ sent you first (a .key file), then export.</source>
            <translation>Load the key HQ sent you first (a .key file), then export.</translation>
        </message>
        <message>
            <source>National institution</source>
            <translation>National institution</translation>
        </message>
        <message>
            <source>Regional organisation</source>
            <translation>Regional organisation</translation>
        </message>
        <message>
            <source>Replace it</source>
            <translation>Replace it</translation>
        </message>
        <message>
            <source>Replace it, or keep it and save under a new name?</source>
            <translation>Replace it, or keep it and save under a new name?</translation>
        </message>
        <message>
            <source>Save under a new name</source>
            <translation>Save under a new name</translation>
        </message>
        <message>
            <source>The bundle would not be encrypted</source>
            <translation>The bundle would not be encrypted</translation>
        </message>
        <message>
            <source>UN entity</source>
            <translation>UN entity</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>Late</translation>
        </message>
        <message>
            <source>Left early</source>
            <translation>Left early</translation>
        </message>
    </context>
    <context>
        <name>NewPartnerDialog</name>
        <message>
            <source>New partner organisation</source>
            <translation>New partner organisation</translation>
        </message>
        <message>
            <source>“{acronym}” is not in the list of partner organisations yet. Add it, and the participant will be registered with it.</source>
            <translation>“{acronym}” is not in the list of partner organisations yet. Add it, and the participant will be registered with it.</translation>
        </message>
        <message>
            <source>For example: Ministry of Justice</source>
            <translation>For example: Ministry of Justice</translation>
        </message>
        <message>
            <source>&amp;Acronym</source>
            <translation>&amp;Acronym</translation>
        </message>
        <message>
            <source>Full &amp;name</source>
            <translation>Full &amp;name</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>&amp;Kind</translation>
        </message>
        <message>
            <source>Add partner</source>
            <translation>Add partner</translation>
        </message>
    </context>
    <context>
        <name>PairsModel</name>
        <message>
            <source>Score</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>First record</source>
            <translation>First record</translation>
        </message>
        <message>
            <source>Second record</source>
            <translation>Second record</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Why</translation>
        </message>
    </context>
    <context>
        <name>ParticipantsModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Function</translation>
        </message>
        <message>
            <source>Sessions present</source>
            <translation>Sessions present</translation>
        </message>
    </context>
    <context>
        <name>ParticipantsPage</name>
        <message>
            <source>Full name</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Function</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Add</translation>
        </message>
        <message>
            <source>Search in this list</source>
            <translation>Search in this list</translation>
        </message>
        <message>
            <source>&amp;Remove from training…</source>
            <translation>&amp;Remove from training…</translation>
        </message>
        <message>
            <source>Consent and profile…</source>
            <translation>Consent and profile…</translation>
        </message>
        <message>
            <source>Type a name, press Tab to go through the fields and Enter to add. Choose a suggested name to register a person Muster already knows.</source>
            <translation>Type a name, press Tab to go through the fields and Enter to add. Choose a suggested name to register a person Muster already knows.</translation>
        </message>
        <message>
            <source>(category)</source>
            <translation>(category)</translation>
        </message>
        <message numerus="yes">
            <source>%n participant(s)</source>
            <translation>
                <numerusform>%n participant</numerusform>
                <numerusform>%n participants</numerusform>
            </translation>
        </message>
        <message>
            <source>{women} women ({share}%)</source>
            <translation>{women} women ({share}%)</translation>
        </message>
        <message>
            <source>{shown} shown</source>
            <translation>{shown} shown</translation>
        </message>
        <message>
            <source>{name} is already known to Muster: adding registers the same person.</source>
            <translation>{name} is already known to Muster: adding registers the same person.</translation>
        </message>
        <message>
            <source>Please type the participant's name first.</source>
            <translation>Please type the participant's name first.</translation>
        </message>
        <message>
            <source>Same person?</source>
            <translation>Same person?</translation>
        </message>
        <message>
            <source>Muster already knows {name}{details}. Is this the same person?</source>
            <translation>Muster already knows {name}{details}. Is this the same person?</translation>
        </message>
        <message>
            <source>Yes, register that person</source>
            <translation>Yes, register that person</translation>
        </message>
        <message>
            <source>No, add a new person</source>
            <translation>No, add a new person</translation>
        </message>
        <message>
            <source>Added {name}.</source>
            <translation>Added {name}.</translation>
        </message>
        <message>
            <source>Remove from training</source>
            <translation>Remove from training</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>A partner organisation; type a new acronym to add it to the list</source>
            <translation>A partner organisation; type a new acronym to add it to the list</translation>
        </message>
        <message>
            <source>Partner {partner} added to the reference list.</source>
            <translation>Partner {partner} added to the reference list.</translation>
        </message>
        <message>
            <source>Already on this list</source>
            <translation>Already on this list</translation>
        </message>
        <message>
            <source>{name}{details} is already on this list of participants.</source>
            <translation>{name}{details} is already on this list of participants.</translation>
        </message>
        <message>
            <source>Adding would count the same person twice in the figures.</source>
            <translation>Adding would count the same person twice in the figures.</translation>
        </message>
        <message>
            <source>Open that row</source>
            <translation>Open that row</translation>
        </message>
        <message>
            <source>Add anyway</source>
            <translation>Add anyway</translation>
        </message>
        <message>
            <source>Take {names} off this training, with their attendance?</source>
            <translation>Take {names} off this training, with their attendance?</translation>
        </message>
        <message numerus="yes">
            <source>Also delete from Muster the %n record(s) no other training uses</source>
            <translation>
                <numerusform>Also delete from Muster the %n record no other training uses</numerusform>
                <numerusform>Also delete from Muster the %n records no other training uses</numerusform>
            </translation>
        </message>
        <message>
            <source>Otherwise the person stays in Muster, to register another time.</source>
            <translation>Otherwise the person stays in Muster, to register another time.</translation>
        </message>
        <message>
            <source>The person stays in Muster.</source>
            <translation>The person stays in Muster.</translation>
        </message>
    </context>
    <context>
        <name>PartnersTable</name>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
    </context>
    <context>
        <name>Passphrase</name>
        <message>
            <source>The passphrase must be at least 10 characters long; a few words in a row are easy to remember and hard to guess.</source>
            <translation>The passphrase must be at least 10 characters long; a few words in a row are easy to remember and hard to guess.</translation>
        </message>
        <message>
            <source>The passphrase repeats the same characters or words; choose a few words that have nothing to do with each other.</source>
            <translation>The passphrase repeats the same characters or words; choose a few words that have nothing to do with each other.</translation>
        </message>
        <message>
            <source>The passphrase is a sequence such as "abcd" or "1234", which is guessed at once; choose a few unrelated words.</source>
            <translation>The passphrase is a sequence such as "abcd" or "1234", which is guessed at once; choose a few unrelated words.</translation>
        </message>
        <message>
            <source>The passphrase follows the keys of the keyboard (like "qwerty"), which is guessed at once; choose a few unrelated words.</source>
            <translation>The passphrase follows the keys of the keyboard (like "qwerty"), which is guessed at once; choose a few unrelated words.</translation>
        </message>
        <message>
            <source>The passphrase is mostly a date or a year, which is easy to guess; choose a few unrelated words.</source>
            <translation>The passphrase is mostly a date or a year, which is easy to guess; choose a few unrelated words.</translation>
        </message>
        <message>
            <source>The passphrase contains your own name, mission or e-mail address, which anyone could guess; choose other words.</source>
            <translation>The passphrase contains your own name, mission or e-mail address, which anyone could guess; choose other words.</translation>
        </message>
        <message>
            <source>The passphrase is a common word or password, which is guessed at once; add a few unrelated words.</source>
            <translation>The passphrase is a common word or password, which is guessed at once; add a few unrelated words.</translation>
        </message>
        <message>
            <source>The passphrase is too easy to guess; add another word or two.</source>
            <translation>The passphrase is too easy to guess; add another word or two.</translation>
        </message>
        <message>
            <source>The passphrase is not right.</source>
            <translation>The passphrase is not right.</translation>
        </message>
        <message>
            <source>That recovery key does not unlock this installation.</source>
            <translation>That recovery key does not unlock this installation.</translation>
        </message>
        <message>
            <source>The two new passphrases are not the same.</source>
            <translation>The two new passphrases are not the same.</translation>
        </message>
        <message>
            <source>That is not a recovery key: it has 32 letters and digits, in eight groups of four.</source>
            <translation>That is not a recovery key: it has 32 letters and digits, in eight groups of four.</translation>
        </message>
        <message>
            <source>Use the passphrase that unlocks Muster on this computer: one passphrase protects your data and your signing key.</source>
            <translation>Use the passphrase that unlocks Muster on this computer: one passphrase protects your data and your signing key.</translation>
        </message>
        <message>
            <source>The new passphrase is the same as the current one.</source>
            <translation>The new passphrase is the same as the current one.</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <source>Unlock your signing key</source>
            <translation>Unlock your signing key</translation>
        </message>
        <message>
            <source>Enter the passphrase of {who}'s signing key. Muster remembers it until you close the app.</source>
            <translation>Enter the passphrase of {who}'s signing key. Muster remembers it until you close the app.</translation>
        </message>
        <message>
            <source>Choose a new passphrase</source>
            <translation>Choose a new passphrase</translation>
        </message>
        <message>
            <source>Change your passphrase</source>
            <translation>Change your passphrase</translation>
        </message>
        <message>
            <source>You opened Muster with your recovery key. Choose a new passphrase: it will unlock your data and your signing key from now on.</source>
            <translation>You opened Muster with your recovery key. Choose a new passphrase: it will unlock your data and your signing key from now on.</translation>
        </message>
        <message>
            <source>The new passphrase will unlock your data and your signing key. Your data is not rewritten, and your recovery key keeps working.</source>
            <translation>The new passphrase will unlock your data and your signing key. Your data is not rewritten, and your recovery key keeps working.</translation>
        </message>
        <message>
            <source>C&amp;urrent passphrase</source>
            <translation>C&amp;urrent passphrase</translation>
        </message>
        <message>
            <source>&amp;New passphrase</source>
            <translation>&amp;New passphrase</translation>
        </message>
        <message>
            <source>New passphrase &amp;again</source>
            <translation>New passphrase &amp;again</translation>
        </message>
        <message>
            <source>&amp;Change passphrase</source>
            <translation>&amp;Change passphrase</translation>
        </message>
    </context>
    <context>
        <name>PerdiemPage</name>
        <message>
            <source>Rate</source>
            <translation>Rate</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Place</translation>
        </message>
        <message>
            <source>Currency</source>
            <translation>Currency</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Add a rate</source>
            <translation>Add a rate</translation>
        </message>
        <message>
            <source>Remove the rate</source>
            <translation>Remove the rate</translation>
        </message>
        <message>
            <source>Save and compute</source>
            <translation>Save and compute</translation>
        </message>
        <message>
            <source>Export the payment sheet (.xlsx)…</source>
            <translation>Export the payment sheet (.xlsx)…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>Days</translation>
        </message>
        <message>
            <source>Nights</source>
            <translation>Nights</translation>
        </message>
        <message>
            <source>Owed</source>
            <translation>Owed</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Why</translation>
        </message>
        <message>
            <source>Paid for each day a person was marked present; a night between two days attended (unless they sleep at home). UN staff are never paid. Each line is rounded once, half up, to the currency's smallest unit.</source>
            <translation>Paid for each day a person was marked present; a night between two days attended (unless they sleep at home). UN staff are never paid. Each line is rounded once, half up, to the currency's smallest unit.</translation>
        </message>
        <message>
            <source>Paid categories</source>
            <translation>Paid categories</translation>
        </message>
        <message>
            <source>Rates</source>
            <translation>Rates</translation>
        </message>
        <message>
            <source>Any place</source>
            <translation>Any place</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Saved.</translation>
        </message>
        <message>
            <source>UN staff</source>
            <translation>UN staff</translation>
        </message>
        <message>
            <source>Excluded</source>
            <translation>Excluded</translation>
        </message>
        <message>
            <source>Category not paid</source>
            <translation>Category not paid</translation>
        </message>
        <message>
            <source>Included</source>
            <translation>Included</translation>
        </message>
        <message>
            <source>Paid category</source>
            <translation>Paid category</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) paid</source>
            <translation>
                <numerusform>%n person paid</numerusform>
                <numerusform>%n persons paid</numerusform>
            </translation>
        </message>
        <message>
            <source>Total: %1</source>
            <translation>Total: %1</translation>
        </message>
        <message>
            <source>Export the payment sheet</source>
            <translation>Export the payment sheet</translation>
        </message>
        <message>
            <source>Payment sheet saved to %1.</source>
            <translation>Payment sheet saved to %1.</translation>
        </message>
    </context>
    <context>
        <name>PersonCard</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Function</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Trainings</source>
            <translation>Trainings</translation>
        </message>
        <message>
            <source>Attendance marks</source>
            <translation>Attendance marks</translation>
        </message>
        <message>
            <source>{field}:</source>
            <translation>{field}:</translation>
        </message>
    </context>
    <context>
        <name>PreviewDialog</name>
        <message>
            <source>Import bundles: preview</source>
            <translation>Import bundles: preview</translation>
        </message>
        <message>
            <source>Every bundle was checked: signature, trusted signer, content. Nothing is written until you press Import.</source>
            <translation>Every bundle was checked: signature, trusted signer, content. Nothing is written until you press Import.</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Bundle</source>
            <translation>Bundle</translation>
        </message>
        <message>
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Updated</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Deleted</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>These bundles would change nothing.</source>
            <translation>These bundles would change nothing.</translation>
        </message>
        <message>
            <source>Imported. The import log keeps this summary.</source>
            <translation>Imported. The import log keeps this summary.</translation>
        </message>
    </context>
    <context>
        <name>PreviewModel</name>
        <message>
            <source>Row</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>New person</translation>
        </message>
        <message>
            <source>Same as {name}{org} ({score}%)</source>
            <translation>Same as {name}{org} ({score}%)</translation>
        </message>
        <message>
            <source>Leave out</source>
            <translation>Leave out</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(no name)</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Skipped</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>Check before importing</source>
            <translation>Check before importing</translation>
        </message>
        <message>
            <source>Nothing is saved yet. Rows in orange may be people Muster already knows: choose who they are in the Person column.</source>
            <translation>Nothing is saved yet. Rows in orange may be people Muster already knows: choose who they are in the Person column.</translation>
        </message>
        <message>
            <source>In the file</source>
            <translation>In the file</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>Rows</translation>
        </message>
        <message>
            <source>Read as</source>
            <translation>Read as</translation>
        </message>
        <message>
            <source>Categories and partners Muster is not sure about:</source>
            <translation>Categories and partners Muster is not sure about:</translation>
        </message>
        <message>
            <source>Checking every row and looking for people already known…</source>
            <translation>Checking every row and looking for people already known…</translation>
        </message>
        <message>
            <source>{valid} participants to import ({known} already known), {skipped} rows skipped, {unsure} possible duplicates to check.</source>
            <translation>{valid} participants to import ({known} already known), {skipped} rows skipped, {unsure} possible duplicates to check.</translation>
        </message>
        <message>
            <source>(leave empty)</source>
            <translation>(leave empty)</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message>
            <source>Your recovery key</source>
            <translation>Your recovery key</translation>
        </message>
        <message>
            <source>If you forget your passphrase, this recovery key unlocks your data. Print it or write it down now and keep it somewhere safe, away from this computer: Muster shows it only this once. Anyone who has both this key and this computer can read your data.</source>
            <translation>If you forget your passphrase, this recovery key unlocks your data. Print it or write it down now and keep it somewhere safe, away from this computer: Muster shows it only this once. Anyone who has both this key and this computer can read your data.</translation>
        </message>
        <message>
            <source>I have &amp;printed or written down my recovery key</source>
            <translation>I have &amp;printed or written down my recovery key</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Print…</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Copy</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation>&amp;Continue</translation>
        </message>
        <message>
            <source>Muster recovery key</source>
            <translation>Muster recovery key</translation>
        </message>
        <message>
            <source>It unlocks the data of Muster if the passphrase is forgotten.</source>
            <translation>It unlocks the data of Muster if the passphrase is forgotten.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceDialog</name>
        <message>
            <source>Reference lists</source>
            <translation>Reference lists</translation>
        </message>
        <message>
            <source>Acronym</source>
            <translation>Acronym</translation>
        </message>
        <message>
            <source>Categories</source>
            <translation>Categories</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Country</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Missions</source>
            <translation>Missions</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Name (English)</source>
            <translation>Name (English)</translation>
        </message>
        <message>
            <source>Name (French)</source>
            <translation>Name (French)</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partners</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Places</translation>
        </message>
        <message>
            <source>French acronym</source>
            <translation>French acronym</translation>
        </message>
    </context>
    <context>
        <name>ReferencePage</name>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>&amp;New</source>
            <translation>&amp;New</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>&amp;Retire</source>
            <translation>&amp;Retire</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Delete</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>Retired</translation>
        </message>
        <message>
            <source>&amp;Bring back</source>
            <translation>&amp;Bring back</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Delete {name}? Only items nothing uses can be deleted.</source>
            <translation>Delete {name}? Only items nothing uses can be deleted.</translation>
        </message>
        <message numerus="yes">
            <source>In use (%n record(s))</source>
            <translation>
                <numerusform>In use (%n record)</numerusform>
                <numerusform>In use (%n records)</numerusform>
            </translation>
        </message>
        <message>
            <source>Not used</source>
            <translation>Not used</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a backup</source>
            <translation>Restore a backup</translation>
        </message>
        <message>
            <source>Choose the backup to go back to. Everything entered after it will be replaced; the current data is kept as a backup first.</source>
            <translation>Choose the backup to go back to. Everything entered after it will be replaced; the current data is kept as a backup first.</translation>
        </message>
        <message>
            <source>There are no backups in {folder} yet. Choose a backup file instead.</source>
            <translation>There are no backups in {folder} yet. Choose a backup file instead.</translation>
        </message>
        <message>
            <source>Made on</source>
            <translation>Made on</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Why</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>Other file…</source>
            <translation>Other file…</translation>
        </message>
        <message>
            <source>Choose a backup file</source>
            <translation>Choose a backup file</translation>
        </message>
        <message>
            <source>Muster backups (*.sqlite3);;All files (*)</source>
            <translation>Muster backups (*.sqlite3);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <source>Participants imported</source>
            <translation>Participants imported</translation>
        </message>
        <message>
            <source>{total} participants imported into this training: {new} new, {known} already known ({registered} were already registered). {marks} attendance marks recorded. {skipped} rows skipped.</source>
            <translation>{total} participants imported into this training: {new} new, {known} already known ({registered} were already registered). {marks} attendance marks recorded. {skipped} rows skipped.</translation>
        </message>
        <message>
            <source>Row {line}: {name}: {reason}</source>
            <translation>Row {line}: {name}: {reason}</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(no name)</translation>
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation>Nothing was imported</translation>
        </message>
        <message>
            <source>Nothing was imported.</source>
            <translation>Nothing was imported.</translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message>
            <source>Retention and anonymisation</source>
            <translation>Retention and anonymisation</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>no limit</translation>
        </message>
        <message>
            <source> months</source>
            <translation> months</translation>
        </message>
        <message>
            <source>Save the limit and list</source>
            <translation>Save the limit and list</translation>
        </message>
        <message>
            <source>People whose last training ended longer ago than the mission's limit can be anonymised: their name, phone, e-mail and function are removed; sex, category, organisation and attendance stay, so every figure stays the same.</source>
            <translation>People whose last training ended longer ago than the mission's limit can be anonymised: their name, phone, e-mail and function are removed; sex, category, organisation and attendance stay, so every figure stays the same.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Last training</source>
            <translation>Last training</translation>
        </message>
        <message>
            <source>Anonymise them…</source>
            <translation>Anonymise them…</translation>
        </message>
        <message>
            <source>Mission:</source>
            <translation>Mission:</translation>
        </message>
        <message>
            <source>Keep details for:</source>
            <translation>Keep details for:</translation>
        </message>
        <message>
            <source>This mission has no retention limit.</source>
            <translation>This mission has no retention limit.</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) past the limit.</source>
            <translation>
                <numerusform>%n person past the limit.</numerusform>
                <numerusform>%n persons past the limit.</numerusform>
            </translation>
        </message>
        <message>
            <source>Anonymise</source>
            <translation>Anonymise</translation>
        </message>
        <message numerus="yes">
            <source>Remove the names, contacts and functions of %n person(s)? This cannot be undone; the figures stay the same.</source>
            <translation>
                <numerusform>Remove the names, contacts and functions of %n person? This cannot be undone; the figures stay the same.</numerusform>
                <numerusform>Remove the names, contacts and functions of %n persons? This cannot be undone; the figures stay the same.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SavedFileBar</name>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Open</translation>
        </message>
        <message>
            <source>Show in &amp;folder</source>
            <translation>Show in &amp;folder</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Print…</translation>
        </message>
        <message>
            <source>Close this bar</source>
            <translation>Close this bar</translation>
        </message>
    </context>
    <context>
        <name>SessionsTable</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Place</translation>
        </message>
        <message>
            <source>Topic</source>
            <translation>Topic</translation>
        </message>
        <message>
            <source>Town</source>
            <translation>Town</translation>
        </message>
        <message>
            <source>What the session covers</source>
            <translation>What the session covers</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>End</source>
            <translation>End</translation>
        </message>
        <message>
            <source>Required</source>
            <translation>Required</translation>
        </message>
        <message>
            <source>Under the rule “every session marked required”, these must be attended.</source>
            <translation>Under the rule “every session marked required”, these must be attended.</translation>
        </message>
        <message>
            <source>09:00</source>
            <translation>09:00</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Preferences</source>
            <translation>Preferences</translation>
        </message>
        <message>
            <source>Same as this computer ({language})</source>
            <translation>Same as this computer ({language})</translation>
        </message>
        <message>
            <source>The new interface language applies the next time you start Muster.</source>
            <translation>The new interface language applies the next time you start Muster.</translation>
        </message>
        <message>
            <source>Summaries, sign-in sheets and exported tables are written in this language; you can still pick another one when you export.</source>
            <translation>Summaries, sign-in sheets and exported tables are written in this language; you can still pick another one when you export.</translation>
        </message>
        <message>
            <source>&amp;Interface language</source>
            <translation>&amp;Interface language</translation>
        </message>
        <message>
            <source>&amp;Documents language</source>
            <translation>&amp;Documents language</translation>
        </message>
        <message>
            <source>HQ teams: the PostgreSQL database you share (leave empty to use this computer's own file). Muster connects to it the next time it starts.</source>
            <translation>HQ teams: the PostgreSQL database you share (leave empty to use this computer's own file). Muster connects to it the next time it starts.</translation>
        </message>
        <message>
            <source>&amp;Shared database</source>
            <translation>&amp;Shared database</translation>
        </message>
        <message>
            <source>Muster uses the new database when you next start it.</source>
            <translation>Muster uses the new database when you next start it.</translation>
        </message>
        <message>
            <source>The interface language changes when you next start Muster.</source>
            <translation>The interface language changes when you next start Muster.</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>&amp;Preferences…</translation>
        </message>
    </context>
    <context>
        <name>SheetsDialog</name>
        <message>
            <source>Sign-in sheets</source>
            <translation>Sign-in sheets</translation>
        </message>
        <message>
            <source>All sessions</source>
            <translation>All sessions</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>Session</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>The daily backup could not be made: {reason}</source>
            <translation>The daily backup could not be made: {reason}</translation>
        </message>
        <message>
            <source>Choose a folder for Muster's data</source>
            <translation>Choose a folder for Muster's data</translation>
        </message>
        <message>
            <source>Choose another folder, or ask for help with the folder's permissions.</source>
            <translation>Choose another folder, or ask for help with the folder's permissions.</translation>
        </message>
        <message>
            <source>Muster cannot write to its data folder {folder} ({reason}).</source>
            <translation>Muster cannot write to its data folder {folder} ({reason}).</translation>
        </message>
        <message>
            <source>Muster is already open on the data folder {folder}. Switch to its window.</source>
            <translation>Muster is already open on the data folder {folder}. Switch to its window.</translation>
        </message>
        <message>
            <source>Muster's data folder {folder} is a file, not a folder.</source>
            <translation>Muster's data folder {folder} is a file, not a folder.</translation>
        </message>
        <message>
            <source>Open another folder, or move that file away.</source>
            <translation>Open another folder, or move that file away.</translation>
        </message>
        <message>
            <source>Restore the latest backup, or start again with an empty database.</source>
            <translation>Restore the latest backup, or start again with an empty database.</translation>
        </message>
        <message>
            <source>The database file is missing from {folder}, but backups of it exist.</source>
            <translation>The database file is missing from {folder}, but backups of it exist.</translation>
        </message>
        <message>
            <source>The disk is full. Free some space, then open Muster again; nothing was lost.</source>
            <translation>The disk is full. Free some space, then open Muster again; nothing was lost.</translation>
        </message>
        <message>
            <source>You can restore a backup, or open another data folder.</source>
            <translation>You can restore a backup, or open another data folder.</translation>
        </message>
    </context>
    <context>
        <name>StartupProblemDialog</name>
        <message>
            <source>Restore a backup…</source>
            <translation>Restore a backup…</translation>
        </message>
        <message>
            <source>Start with an empty database</source>
            <translation>Start with an empty database</translation>
        </message>
        <message>
            <source>Open another folder…</source>
            <translation>Open another folder…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
    </context>
    <context>
        <name>SummaryDialog</name>
        <message>
            <source>Summary PDF</source>
            <translation>Summary PDF</translation>
        </message>
        <message>
            <source>Include the participants' names</source>
            <translation>Include the participants' names</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
        <message>
            <source>The summary is signed with your key. Without names, it shows figures only; use that version when the list of participants is sensitive.</source>
            <translation>The summary is signed with your key. Without names, it shows figures only; use that version when the list of participants is sensitive.</translation>
        </message>
        <message>
            <source>Sign and save</source>
            <translation>Sign and save</translation>
        </message>
    </context>
    <context>
        <name>SummaryPanel</name>
        <message>
            <source>{value}%</source>
            <translation>{value}%</translation>
        </message>
        <message>
            <source>participants</source>
            <translation>participants</translation>
        </message>
        <message>
            <source>women</source>
            <translation>women</translation>
        </message>
        <message>
            <source>sessions</source>
            <translation>sessions</translation>
        </message>
        <message>
            <source>attendance rate</source>
            <translation>attendance rate</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Women</source>
            <translation>Women</translation>
        </message>
        <message>
            <source>Men</source>
            <translation>Men</translation>
        </message>
        <message>
            <source>Not stated</source>
            <translation>Not stated</translation>
        </message>
        <message>
            <source>(no category)</source>
            <translation>(no category)</translation>
        </message>
        <message>
            <source>(no partner)</source>
            <translation>(no partner)</translation>
        </message>
        <message>
            <source>Participants by category and sex</source>
            <translation>Participants by category and sex</translation>
        </message>
        <message>
            <source>Attendance per session</source>
            <translation>Attendance per session</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Present</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>Absent</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>Excused</translation>
        </message>
        <message numerus="yes">
            <source>%n other categories</source>
            <translation>
                <numerusform>%n other category</numerusform>
                <numerusform>%n other categories</numerusform>
            </translation>
        </message>
        <message>
            <source>completed</source>
            <translation>completed</translation>
        </message>
    </context>
    <context>
        <name>TrainingEditor</name>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Save the details (Ctrl+S)</source>
            <translation>Save the details (Ctrl+S)</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Per-diem</source>
            <translation>Per-diem</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>Evidence</translation>
        </message>
        <message>
            <source>New training</source>
            <translation>New training</translation>
        </message>
        <message numerus="yes">
            <source>%n participant(s)</source>
            <translation>
                <numerusform>%n participant</numerusform>
                <numerusform>%n participants</numerusform>
            </translation>
        </message>
        <message>
            <source>Not saved yet: fill in the details, then save.</source>
            <translation>Not saved yet: fill in the details, then save.</translation>
        </message>
        <message>
            <source>Save the training first to add participants.</source>
            <translation>Save the training first to add participants.</translation>
        </message>
        <message>
            <source>Saved “{title}”.</source>
            <translation>Saved “{title}”.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Evaluation</source>
            <translation>Evaluation</translation>
        </message>
    </context>
    <context>
        <name>TrainingsModel</name>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>End</source>
            <translation>End</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Places</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
    </context>
    <context>
        <name>TrainingsPage</name>
        <message>
            <source>Search title, place, partner or participant</source>
            <translation>Search title, place, partner or participant</translation>
        </message>
        <message>
            <source>All missions</source>
            <translation>All missions</translation>
        </message>
        <message>
            <source>Any status</source>
            <translation>Any status</translation>
        </message>
        <message>
            <source>any date</source>
            <translation>any date</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Clear filters</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>to</source>
            <translation>to</translation>
        </message>
        <message>
            <source>&amp;New training (Ctrl+N)</source>
            <translation>&amp;New training (Ctrl+N)</translation>
        </message>
        <message>
            <source>Load the &amp;demo data</source>
            <translation>Load the &amp;demo data</translation>
        </message>
        <message>
            <source>No training matches these filters.</source>
            <translation>No training matches these filters.</translation>
        </message>
        <message>
            <source>No trainings yet. Press Ctrl+N to record your first one, or load the demo data to try Muster out: a field installation loads its own mission's example training, HQ loads all three.</source>
            <translation>No trainings yet. Press Ctrl+N to record your first one, or load the demo data to try Muster out: a field installation loads its own mission's example training, HQ loads all three.</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>Muster is locked</source>
            <translation>Muster is locked</translation>
        </message>
        <message>
            <source>&amp;Passphrase</source>
            <translation>&amp;Passphrase</translation>
        </message>
        <message>
            <source>P&amp;assphrase again</source>
            <translation>P&amp;assphrase again</translation>
        </message>
        <message>
            <source>&amp;Recovery key</source>
            <translation>&amp;Recovery key</translation>
        </message>
        <message>
            <source>I forgot my passphrase: use the &amp;recovery key</source>
            <translation>I forgot my passphrase: use the &amp;recovery key</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>&amp;Unlock</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation>&amp;Continue</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>Welcome to Muster. Choose a passphrase: it encrypts everything Muster keeps on this computer and protects the key that signs your summaries. Use a few words that have nothing to do with each other; Muster refuses passphrases that are easy to guess.</source>
            <translation>Welcome to Muster. Choose a passphrase: it encrypts everything Muster keeps on this computer and protects the key that signs your summaries. Use a few words that have nothing to do with each other; Muster refuses passphrases that are easy to guess.</translation>
        </message>
        <message>
            <source>This version of Muster encrypts your data. Enter the passphrase of your signing key: from now on it unlocks your data too. Muster makes a backup, then encrypts the data folder; this takes a moment.</source>
            <translation>This version of Muster encrypts your data. Enter the passphrase of your signing key: from now on it unlocks your data too. Muster makes a backup, then encrypts the data folder; this takes a moment.</translation>
        </message>
        <message>
            <source>Your data is encrypted. Enter your passphrase to open it. The folder: {folder}</source>
            <translation>Your data is encrypted. Enter your passphrase to open it. The folder: {folder}</translation>
        </message>
        <message>
            <source>The two passphrases are not the same.</source>
            <translation>The two passphrases are not the same.</translation>
        </message>
    </context>
    <context>
        <name>VerifyWindow</name>
        <message>
            <source>Verify a document</source>
            <translation>Verify a document</translation>
        </message>
        <message>
            <source>Choose a signed PDF, or drop it here.</source>
            <translation>Choose a signed PDF, or drop it here.</translation>
        </message>
        <message>
            <source>Choose a PDF…</source>
            <translation>Choose a PDF…</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF documents (*.pdf)</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Cannot check this file: </source>
            <translation>Cannot check this file: </translation>
        </message>
        <message>
            <source>Valid: signed by {who} and unchanged since.</source>
            <translation>Valid: signed by {who} and unchanged since.</translation>
        </message>
        <message>
            <source>Not valid: </source>
            <translation>Not valid: </translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Signed by</translation>
        </message>
        <message>
            <source>Certificate</source>
            <translation>Certificate</translation>
        </message>
        <message>
            <source>Signed on</source>
            <translation>Signed on</translation>
        </message>
        <message>
            <source>{when} (the signer's own clock, not checked)</source>
            <translation>{when} (the signer's own clock, not checked)</translation>
        </message>
        <message>
            <source>Certified</source>
            <translation>Certified</translation>
        </message>
        <message>
            <source>yes: only time-stamps may be added</source>
            <translation>yes: only time-stamps may be added</translation>
        </message>
        <message>
            <source>Intact</source>
            <translation>Intact</translation>
        </message>
        <message>
            <source>Whole file signed</source>
            <translation>Whole file signed</translation>
        </message>
        <message>
            <source>Trusted</source>
            <translation>Trusted</translation>
        </message>
        <message>
            <source>Time-stamped</source>
            <translation>Time-stamped</translation>
        </message>
        <message>
            <source>Also</source>
            <translation>Also</translation>
        </message>
        <message>
            <source>Document id</source>
            <translation>Document id</translation>
        </message>
        <message>
            <source>at an unknown time</source>
            <translation>at an unknown time</translation>
        </message>
        <message>
            <source>{when} by {authority}: {intact}, {trusted}</source>
            <translation>{when} by {authority}: {intact}, {trusted}</translation>
        </message>
        <message>
            <source>intact</source>
            <translation>intact</translation>
        </message>
        <message>
            <source>NOT intact</source>
            <translation>NOT intact</translation>
        </message>
        <message>
            <source>trusted</source>
            <translation>trusted</translation>
        </message>
        <message>
            <source>not trusted</source>
            <translation>not trusted</translation>
        </message>
        <message>
            <source>Or paste a certificate's QR code text here</source>
            <translation>Or paste a certificate's QR code text here</translation>
        </message>
        <message>
            <source>Check the code</source>
            <translation>Check the code</translation>
        </message>
        <message>
            <source>Certificate code</source>
            <translation>Certificate code</translation>
        </message>
        <message>
            <source>Valid certificate for {name}, issued by {who}.</source>
            <translation>Valid certificate for {name}, issued by {who}.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Training</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>Dates</translation>
        </message>
        <message>
            <source>Hours attended</source>
            <translation>Hours attended</translation>
        </message>
        <message>
            <source>not recorded</source>
            <translation>not recorded</translation>
        </message>
        <message>
            <source>Issued on</source>
            <translation>Issued on</translation>
        </message>
        <message>
            <source>Issuer fingerprint</source>
            <translation>Issuer fingerprint</translation>
        </message>
        <message>
            <source>Issued by</source>
            <translation>Issued by</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to Muster</source>
            <translation>Welcome to Muster</translation>
        </message>
        <message>
            <source>Muster keeps the trainings you organise, their participants and attendance, on this computer. Tell it who you are: your name goes on the summaries you sign and the data you send to headquarters.</source>
            <translation>Muster keeps the trainings you organise, their participants and attendance, on this computer. Tell it who you are: your name goes on the summaries you sign and the data you send to headquarters.</translation>
        </message>
        <message>
            <source>For example: Rule of Law Officer</source>
            <translation>For example: Rule of Law Officer</translation>
        </message>
        <message>
            <source>In a &amp;mission (field)</source>
            <translation>In a &amp;mission (field)</translation>
        </message>
        <message>
            <source>At &amp;headquarters (HQ)</source>
            <translation>At &amp;headquarters (HQ)</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>Your &amp;name</source>
            <translation>Your &amp;name</translation>
        </message>
        <message>
            <source>Your &amp;title</source>
            <translation>Your &amp;title</translation>
        </message>
        <message>
            <source>You work</source>
            <translation>You work</translation>
        </message>
        <message>
            <source>M&amp;ission</source>
            <translation>M&amp;ission</translation>
        </message>
        <message>
            <source>&amp;E-mail</source>
            <translation>&amp;E-mail</translation>
        </message>
        <message>
            <source>&amp;Passphrase</source>
            <translation>&amp;Passphrase</translation>
        </message>
        <message>
            <source>P&amp;assphrase again</source>
            <translation>P&amp;assphrase again</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Start</translation>
        </message>
        <message>
            <source>Optional at headquarters.</source>
            <translation>Optional at headquarters.</translation>
        </message>
        <message>
            <source>The mission you work for.</source>
            <translation>The mission you work for.</translation>
        </message>
        <message>
            <source>Please enter your name.</source>
            <translation>Please enter your name.</translation>
        </message>
        <message>
            <source>Please choose a passphrase of at least {n} characters.</source>
            <translation>Please choose a passphrase of at least {n} characters.</translation>
        </message>
        <message>
            <source>The two passphrases are not the same.</source>
            <translation>The two passphrases are not the same.</translation>
        </message>
        <message>
            <source>That does not look like an e-mail address.</source>
            <translation>That does not look like an e-mail address.</translation>
        </message>
        <message>
            <source>Setting up… loading the demo data takes a few seconds.</source>
            <translation>Setting up… loading the demo data takes a few seconds.</translation>
        </message>
        <message>
            <source>Load the &amp;demo data: a field installation loads its own mission's example training, HQ all three</source>
            <translation>Load the &amp;demo data: a field installation loads its own mission's example training, HQ all three</translation>
        </message>
        <message>
            <source>Use the passphrase that unlocks Muster: it also protects your signing key. Use at least {n} characters, for example four words.</source>
            <translation>Use the passphrase that unlocks Muster: it also protects your signing key. Use at least {n} characters, for example four words.</translation>
        </message>
    </context>
    <context>
        <name>_FileRow</name>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF documents (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>new_window</name>
        <message>
            <source>Backup restored: {file}</source>
            <translation>Backup restored: {file}</translation>
        </message>
    </context>
    <context>
        <name>widget</name>
        <message>
            <source>Made by hand</source>
            <translation>Made by hand</translation>
        </message>
        <message>
            <source>Data replaced by a restore</source>
            <translation>Data replaced by a restore</translation>
        </message>
        <message>
            <source>Daily</source>
            <translation>Daily</translation>
        </message>
        <message>
            <source>Before an import</source>
            <translation>Before an import</translation>
        </message>
        <message>
            <source>Before merging people</source>
            <translation>Before merging people</translation>
        </message>
        <message>
            <source>Before an upgrade of Muster</source>
            <translation>Before an upgrade of Muster</translation>
        </message>
        <message>
            <source>Replace the current data with the backup of {when}? It holds {trainings} trainings and {people} people. The current data is kept as a backup first.</source>
            <translation>Replace the current data with the backup of {when}? It holds {trainings} trainings and {people} people. The current data is kept as a backup first.</translation>
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>Back up now…</source>
            <translation>Back up now…</translation>
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation>Restore a backup…</translation>
        </message>
        <message>
            <source>Back up the database</source>
            <translation>Back up the database</translation>
        </message>
        <message>
            <source>Muster backups (*.sqlite3)</source>
            <translation>Muster backups (*.sqlite3)</translation>
        </message>
        <message>
            <source>Backup saved: {file}</source>
            <translation>Backup saved: {file}</translation>
        </message>
        <message>
            <source>Restore a backup</source>
            <translation>Restore a backup</translation>
        </message>
        <message>
            <source>Change &amp;passphrase…</source>
            <translation>Change &amp;passphrase…</translation>
        </message>
        <message>
            <source>New &amp;recovery key…</source>
            <translation>New &amp;recovery key…</translation>
        </message>
        <message>
            <source>The passphrase is changed.</source>
            <translation>The passphrase is changed.</translation>
        </message>
        <message>
            <source>New recovery key</source>
            <translation>New recovery key</translation>
        </message>
        <message>
            <source>Make a new recovery key? The one you have now will stop working.</source>
            <translation>Make a new recovery key? The one you have now will stop working.</translation>
        </message>
        <message>
            <source>Retention and anonymisation…</source>
            <translation>Retention and anonymisation…</translation>
        </message>
    </context>
</TS>
