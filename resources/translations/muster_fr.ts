<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
    <context>
        <name />
        <message>
            <source>Missions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Country</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Places</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acronym</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name (English)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name (French)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Order</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttendanceModel</name>
        <message>
            <source>Participant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Present</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{present} present of {recorded} recorded</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttendancePage</name>
        <message>
            <source>&amp;Mark everyone present at this session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>✓ present   ✗ absent   E excused   blank: not expected. Click a cell or press Space to change it; P, A, E set a mark, Delete clears.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No attendance recorded yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendance rate: {rate}% ({present} present of {recorded} recorded marks)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Muster: unexpected error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster ran into a problem it did not expect. Your saved data is safe: the change in progress was not saved. Please copy the details below and send them to your Muster support contact.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy details</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DetailsPage</name>
        <message>
            <source>For example: Investigating terrorism cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For example: Criminal justice response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Names separated by semicolons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Mission</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;heme</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>St&amp;atus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Dates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;rainers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add &amp;session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add &amp;partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partners</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Trainings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where this installation keeps its data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Close tab</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reference lists…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your &amp;profile…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Undo delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;uplicate for next month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>De&amp;tails</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Participants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Attendance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Su&amp;mmary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add participants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Trainings list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Clear filters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About Muster</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Showing {shown} of {total} trainings</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n training(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Made a copy for {date}: {title}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete “{title}” with its sessions, participants' registrations and attendance? You can undo this until your next action.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted “{title}”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Brought back “{title}”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About Muster</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster records capacity-building trainings, their participants and attendance, offline. Data: {path}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Muster</name>
        <message>
            <source>Absent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Co-organiser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do you want to save them?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Female</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Funder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Male</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not stated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Planned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Present</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seminar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Side event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workshop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} has changes that are not saved yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ParticipantsPage</name>
        <message>
            <source>Full name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Function</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search in this list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Remove from training…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a name, press Tab to go through the fields and Enter to add. Choose a suggested name to register a person Muster already knows.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(category)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n participant(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>{women} women ({share}%)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{shown} shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} is already known to Muster: adding registers the same person.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Please type the participant's name first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Same person?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster already knows {name}{details}. Is this the same person?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes, register that person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No, add a new person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added {name}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove from training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take {names} off this training, with their attendance? The person stays in Muster.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PartnersTable</name>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReferenceDialog</name>
        <message>
            <source>Reference lists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acronym</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Country</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Missions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name (English)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name (French)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Places</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReferencePage</name>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Retire</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Bring back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete {name}? Only items nothing uses can be deleted.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the backup to go back to. Everything entered after it will be replaced; the current data is kept as a backup first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no backups in {folder} yet. Choose a backup file instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Made on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a backup file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster backups (*.sqlite3);;All files (*)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionsTable</name>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Place</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Topic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Town</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the session covers</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>The daily backup could not be made: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a folder for Muster's data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose another folder, or ask for help with the folder's permissions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster cannot write to its data folder {folder} ({reason}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster is already open on the data folder {folder}. Switch to its window.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore the latest backup, or start again with an empty database.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database file is missing from {folder}, but backups of it exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The disk is full. Free some space, then open Muster again; nothing was lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can restore a backup, or open another data folder.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StartupProblemDialog</name>
        <message>
            <source>Restore a backup…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start with an empty database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open another folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SummaryPanel</name>
        <message>
            <source>participants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>women</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>attendance rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Participants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Women</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Men</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not stated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Participants by category and sex</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendance per session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Present</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Absent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excused</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TrainingEditor</name>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the details (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Participants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Summary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New training</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n participant(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Not saved yet: fill in the details, then save.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the training first to add participants.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved “{title}”.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TrainingsPage</name>
        <message>
            <source>Search title, place, partner or participant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All missions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>any date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear filters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>new_window</name>
        <message>
            <source>Backup restored: {file}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>widget</name>
        <message>
            <source>Made by hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data replaced by a restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Daily</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Before an import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Before merging people</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Before an upgrade of Muster</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace the current data with the backup of {when}? It holds {trainings} trainings and {people} people. The current data is kept as a backup first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>Back up now…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back up the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muster backups (*.sqlite3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup saved: {file}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore a backup</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
