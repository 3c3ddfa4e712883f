<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
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
            <translation>Nom</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Pays</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Lieux</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partenaires</translation>
        </message>
        <message>
            <source>Acronym</source>
            <translation>Sigle</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Categories</source>
            <translation>Catégories</translation>
        </message>
        <message>
            <source>Name (English)</source>
            <translation>Nom (anglais)</translation>
        </message>
        <message>
            <source>Name (French)</source>
            <translation>Nom (français)</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Ordre</translation>
        </message>
        <message>
            <source>French acronym</source>
            <translation>Sigle français</translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About Muster</source>
            <translation>À propos de Muster</translation>
        </message>
        <message>
            <source>Version {version}</source>
            <translation>Version {version}</translation>
        </message>
        <message>
            <source>Muster records capacity-building trainings, their participants and attendance, offline.</source>
            <translation>Muster enregistre les formations de renforcement des capacités, leurs participants et les présences, hors ligne.</translation>
        </message>
        <message>
            <source>Version:</source>
            <translation>Version :</translation>
        </message>
        <message>
            <source>Data folder:</source>
            <translation>Dossier des données :</translation>
        </message>
        <message>
            <source>Database:</source>
            <translation>Base de données :</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>Programme :</translation>
        </message>
        <message>
            <source>Installing a newer version keeps this data folder: Muster backs the database up, then upgrades it the first time it opens it.</source>
            <translation>Installer une version plus récente conserve ce dossier de données : Muster sauvegarde la base de données, puis la met à niveau à sa première ouverture.</translation>
        </message>
        <message>
            <source>Open data folder</source>
            <translation>Ouvrir le dossier des données</translation>
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
            <translation>Présent</translation>
        </message>
        <message>
            <source>{present} present of {recorded} recorded</source>
            <translation>{present} présents sur {recorded} saisis</translation>
        </message>
        <message>
            <source>{mark}: {minutes} min</source>
            <translation>{mark} : {minutes} min</translation>
        </message>
    </context>
    <context>
        <name>AttendancePage</name>
        <message>
            <source>&amp;Mark everyone present at this session</source>
            <translation>&amp;Marquer tout le monde présent à cette séance</translation>
        </message>
        <message>
            <source>No attendance recorded yet.</source>
            <translation>Aucune présence saisie pour l’instant.</translation>
        </message>
        <message>
            <source>Attendance rate: {rate}% ({present} present of {recorded} recorded marks)</source>
            <translation>Taux de présence : {rate} % ({present} présents sur {recorded} marques saisies)</translation>
        </message>
        <message>
            <source>Mark as &amp;held</source>
            <translation>Marquer comme &amp;réalisée</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>Pas maintenant</translation>
        </message>
        <message>
            <source>Attendance is taken for the last session ({date}). The training is still marked as planned: mark it as held?</source>
            <translation>Les présences de la dernière séance ({date}) sont relevées. La formation est encore marquée comme prévue : la marquer comme réalisée ?</translation>
        </message>
        <message>
            <source>✓ present   ✗ absent   E excused   ✓L late   ✓D left early   blank: not expected. Click a cell or press Space to change it; P, A, E, L, D set a mark (then type the minutes late or left early), Delete clears.</source>
            <translation>✓ présent   ✗ absent   E excusé   ✓L en retard   ✓D parti tôt   vide : non attendu. Cliquez sur une case ou appuyez sur Espace pour la changer ; P, A, E, L (ou R), D posent une marque (tapez ensuite les minutes de retard ou d’avance), Suppr efface.</translation>
        </message>
    </context>
    <context>
        <name>Certificates</name>
        <message numerus="yes">
            <source>%n certificate(s) saved: {path}</source>
            <translation>
                <numerusform>%n certificat enregistré : {path}</numerusform>
                <numerusform>%n certificats enregistrés : {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>A signed certificate with a QR code for everyone who completed</source>
            <translation>Un certificat signé avec un code QR pour chaque personne ayant achevé la formation</translation>
        </message>
        <message>
            <source>Issue &amp;certificates…</source>
            <translation>Délivrer les &amp;certificats…</translation>
        </message>
        <message>
            <source>Save the certificates</source>
            <translation>Enregistrer les certificats</translation>
        </message>
        <message>
            <source>Signing the certificates…</source>
            <translation>Signature des certificats…</translation>
        </message>
        <message>
            <source>ZIP archives (*.zip)</source>
            <translation>Archives ZIP (*.zip)</translation>
        </message>
        <message>
            <source>certificates</source>
            <translation>certificats</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <source>Consent and profile — %1</source>
            <translation>Consentement et profil — %1</translation>
        </message>
        <message>
            <source>Consent, purpose by purpose</source>
            <translation>Consentement, finalité par finalité</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Finalité</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Given on</source>
            <translation>Donné le</translation>
        </message>
        <message>
            <source>Withdrawn on</source>
            <translation>Retiré le</translation>
        </message>
        <message>
            <source>not given</source>
            <translation>non indiquée</translation>
        </message>
        <message>
            <source>Only the age band is kept, not the year.</source>
            <translation>Seule la tranche d'âge est conservée, pas l'année.</translation>
        </message>
        <message>
            <source>Age and disability (Washington Group short set)</source>
            <translation>Âge et handicap (questionnaire court du Groupe de Washington)</translation>
        </message>
        <message>
            <source>Age band</source>
            <translation>Tranche d'âge</translation>
        </message>
        <message>
            <source>or year of birth</source>
            <translation>ou année de naissance</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Muster: unexpected error</source>
            <translation>Muster : erreur inattendue</translation>
        </message>
        <message>
            <source>Muster ran into a problem it did not expect. Your saved data is safe: the change in progress was not saved. Please copy the details below and send them to your Muster support contact.</source>
            <translation>Muster a rencontré un problème imprévu. Vos données enregistrées sont intactes : la modification en cours n’a pas été enregistrée. Copiez les détails ci-dessous et envoyez-les à votre contact d’assistance Muster.</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>Copier les détails</translation>
        </message>
    </context>
    <context>
        <name>DetailsPage</name>
        <message>
            <source>For example: Investigating terrorism cases</source>
            <translation>Par exemple : Enquêtes sur les affaires de terrorisme</translation>
        </message>
        <message>
            <source>For example: Criminal justice response</source>
            <translation>Par exemple : Réponse de la justice pénale</translation>
        </message>
        <message>
            <source>Names separated by semicolons</source>
            <translation>Noms séparés par des points-virgules</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>&amp;Titre</translation>
        </message>
        <message>
            <source>&amp;Mission</source>
            <translation>&amp;Mission</translation>
        </message>
        <message>
            <source>T&amp;heme</source>
            <translation>T&amp;hème</translation>
        </message>
        <message>
            <source>St&amp;atus</source>
            <translation>St&amp;atut</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>T&amp;ype</translation>
        </message>
        <message>
            <source>&amp;to</source>
            <translation>a&amp;u</translation>
        </message>
        <message>
            <source>&amp;Dates</source>
            <translation>&amp;Dates</translation>
        </message>
        <message>
            <source>T&amp;rainers</source>
            <translation>&amp;Formateurs</translation>
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation>D&amp;escription</translation>
        </message>
        <message>
            <source>Add &amp;session</source>
            <translation>Ajouter une &amp;séance</translation>
        </message>
        <message>
            <source>Remove session</source>
            <translation>Retirer la séance</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Séances</translation>
        </message>
        <message>
            <source>Add &amp;partner</source>
            <translation>Ajouter un &amp;partenaire</translation>
        </message>
        <message>
            <source>Remove partner</source>
            <translation>Retirer le partenaire</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partenaires</translation>
        </message>
    </context>
    <context>
        <name>DocumentActions</name>
        <message>
            <source>Summary PDF…</source>
            <translation>Résumé PDF…</translation>
        </message>
        <message>
            <source>Export the training's signed summary</source>
            <translation>Exporter le résumé signé de la formation</translation>
        </message>
        <message>
            <source>Sign-in sheets…</source>
            <translation>Feuilles de présence…</translation>
        </message>
        <message>
            <source>Print attendance sheets for wet signatures</source>
            <translation>Imprimer les feuilles de présence à signer à la main</translation>
        </message>
        <message>
            <source>Verify a document…</source>
            <translation>Vérifier un document…</translation>
        </message>
        <message>
            <source>My signing identity…</source>
            <translation>Mon identité de signature…</translation>
        </message>
        <message>
            <source>Signed documents…</source>
            <translation>Documents signés…</translation>
        </message>
        <message>
            <source>Open the signed summaries of this training, made here or received</source>
            <translation>Ouvrir les résumés signés de cette formation, faits ici ou reçus</translation>
        </message>
        <message>
            <source>Building and signing the summary…</source>
            <translation>Préparation et signature du résumé…</translation>
        </message>
        <message>
            <source>Select a training in the list first.</source>
            <translation>Sélectionnez d’abord une formation dans la liste.</translation>
        </message>
        <message>
            <source>Please choose where to save the PDF.</source>
            <translation>Veuillez choisir où enregistrer le PDF.</translation>
        </message>
        <message numerus="yes">
            <source>Signed summary saved: {path} (%n page(s))</source>
            <translation>
                <numerusform>Résumé signé enregistré : {path} (%n page)</numerusform>
                <numerusform>Résumé signé enregistré : {path} (%n pages)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sign-in sheets saved: {path} (%n page(s))</source>
            <translation>
                <numerusform>Feuilles de présence enregistrées : {path} (%n page)</numerusform>
                <numerusform>Feuilles de présence enregistrées : {path} (%n pages)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsDialog</name>
        <message>
            <source>Signed on</source>
            <translation>Signé le</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>Signataire</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Provenance</translation>
        </message>
        <message>
            <source>Signed documents: %1</source>
            <translation>Documents signés : %1</translation>
        </message>
        <message>
            <source>Summaries signed on this computer, and those received from the field in bundles.</source>
            <translation>Résumés signés sur cet ordinateur, et ceux reçus du terrain dans les lots.</translation>
        </message>
        <message>
            <source>No signed document for this training yet: use Summary PDF… to make one.</source>
            <translation>Aucun document signé pour cette formation : utilisez Résumé PDF… pour en créer un.</translation>
        </message>
        <message>
            <source>received</source>
            <translation>reçu</translation>
        </message>
        <message>
            <source>this computer</source>
            <translation>cet ordinateur</translation>
        </message>
        <message>
            <source>%1 (missing)</source>
            <translation>%1 (introuvable)</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Ouvrir</translation>
        </message>
        <message>
            <source>&amp;Verify</source>
            <translation>&amp;Vérifier</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Résumé</translation>
        </message>
        <message>
            <source>with names</source>
            <translation>avec les noms</translation>
        </message>
        <message>
            <source>figures only</source>
            <translation>chiffres seulement</translation>
        </message>
        <message>
            <source>The file {name} is no longer in the documents folder.</source>
            <translation>Le fichier {name} n’est plus dans le dossier des documents.</translation>
        </message>
    </context>
    <context>
        <name>Duplicates</name>
        <message>
            <source>same name</source>
            <translation>même nom</translation>
        </message>
        <message>
            <source>similar name</source>
            <translation>nom semblable</translation>
        </message>
        <message>
            <source>same phone</source>
            <translation>même téléphone</translation>
        </message>
        <message>
            <source>same e-mail</source>
            <translation>même courriel</translation>
        </message>
        <message>
            <source>same organisation</source>
            <translation>même organisation</translation>
        </message>
        <message>
            <source>same sex</source>
            <translation>même sexe</translation>
        </message>
        <message>
            <source>different sex</source>
            <translation>sexe différent</translation>
        </message>
        <message>
            <source>different phone</source>
            <translation>téléphone différent</translation>
        </message>
        <message>
            <source>already registered</source>
            <translation>déjà inscrit</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message>
            <source>Possible duplicates</source>
            <translation>Doublons possibles</translation>
        </message>
        <message>
            <source>Looking for people recorded twice…</source>
            <translation>Recherche des personnes enregistrées deux fois…</translation>
        </message>
        <message>
            <source>First record</source>
            <translation>Première fiche</translation>
        </message>
        <message>
            <source>Second record</source>
            <translation>Seconde fiche</translation>
        </message>
        <message>
            <source>Same person: keep the first record</source>
            <translation>Même personne : garder la première fiche</translation>
        </message>
        <message>
            <source>Same person: keep the second record</source>
            <translation>Même personne : garder la seconde fiche</translation>
        </message>
        <message>
            <source>Not the same person</source>
            <translation>Pas la même personne</translation>
        </message>
        <message numerus="yes">
            <source>%n pair(s) of records may be the same person. Compare them and merge the ones that are.</source>
            <translation>
                <numerusform>%n paire de fiches est peut-être une seule personne. Comparez et fusionnez si c'est le cas.</numerusform>
                <numerusform>%n paires de fiches sont peut-être une seule personne. Comparez-les et fusionnez celles qui le sont.</numerusform>
            </translation>
        </message>
        <message>
            <source>No possible duplicates: every person has one record.</source>
            <translation>Aucun doublon possible : chaque personne a une seule fiche.</translation>
        </message>
        <message>
            <source>{other} will be merged into {keep}: every registration and attendance of {other} moves to {keep}, and the record {other} disappears. Merge?</source>
            <translation>{other} sera fusionné dans {keep} : toutes les inscriptions et présences de {other} passent à {keep}, et la fiche {other} disparaît. Fusionner ?</translation>
        </message>
        <message>
            <source>Merge two records</source>
            <translation>Fusionner deux fiches</translation>
        </message>
        <message>
            <source>Merge</source>
            <translation>Fusionner</translation>
        </message>
    </context>
    <context>
        <name>EvaluationPage</name>
        <message>
            <source>At least this share of the sessions</source>
            <translation>Au moins cette part des séances</translation>
        </message>
        <message>
            <source>Every session marked required</source>
            <translation>Chaque séance marquée obligatoire</translation>
        </message>
        <message>
            <source>no test</source>
            <translation>pas de test</translation>
        </message>
        <message>
            <source>&amp;Import scores…</source>
            <translation>&amp;Importer les notes…</translation>
        </message>
        <message>
            <source>Issue &amp;certificates…</source>
            <translation>Délivrer les &amp;certificats…</translation>
        </message>
        <message>
            <source>Feedback &amp;form…</source>
            <translation>&amp;Fiche d’évaluation…</translation>
        </message>
        <message>
            <source>Completed when:</source>
            <translation>Formation achevée si :</translation>
        </message>
        <message>
            <source>Knowledge test out of:</source>
            <translation>Test de connaissances noté sur :</translation>
        </message>
        <message>
            <source>Type the scores and the feedback forms' answers from paper: ratings 1 to 5, yes/no as 1 or 0, Enter or Tab to move on. Each entry is saved at once.</source>
            <translation>Saisissez les notes et les réponses des fiches d’évaluation papier : notes de 1 à 5, oui/non en 1 ou 0, Entrée ou Tab pour passer à la suivante. Chaque saisie est enregistrée aussitôt.</translation>
        </message>
        <message>
            <source>Completed: {done} of {total}</source>
            <translation>Formation achevée : {done} sur {total}</translation>
        </message>
        <message>
            <source>Participant</source>
            <translation>Participant</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Séances</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Heures</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Achevée</translation>
        </message>
        <message>
            <source>Pre-test</source>
            <translation>Pré-test</translation>
        </message>
        <message>
            <source>Post-test</source>
            <translation>Post-test</translation>
        </message>
        <message>
            <source>Overall</source>
            <translation>Appréciation</translation>
        </message>
        <message>
            <source>Relevance</source>
            <translation>Utilité</translation>
        </message>
        <message>
            <source>Recommend</source>
            <translation>Recommande</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Commentaire</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>Nobody has both scores yet.</source>
            <translation>Personne n’a encore les deux notes.</translation>
        </message>
        <message>
            <source>{n} with both scores: average gain {gain} points of 100; {improved} improved.</source>
            <translation>{n} avec les deux notes : gain moyen de {gain} points sur 100 ; {improved} ont progressé.</translation>
        </message>
        <message>
            <source>“{text}” is not a number.</source>
            <translation>« {text} » n’est pas un nombre.</translation>
        </message>
        <message>
            <source>Import scores</source>
            <translation>Importer les notes</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.csv)</source>
            <translation>Tableurs (*.xlsx *.csv)</translation>
        </message>
        <message>
            <source>{scores} scores imported for {people} participants; {skipped} rows skipped.</source>
            <translation>{scores} notes importées pour {people} participants ; {skipped} lignes ignorées.</translation>
        </message>
    </context>
    <context>
        <name>EvidencePage</name>
        <message>
            <source>Attach scans of the signed sign-in sheets, photos and other files. They are kept encrypted in the data folder, listed with their SHA-256 in the signed summary and sent to HQ in the bundles.</source>
            <translation>Joignez les scans des feuilles de présence signées, des photos et d'autres fichiers. Ils sont conservés chiffrés dans le dossier de données, listés avec leur SHA-256 dans le résumé signé et envoyés au siège dans les lots.</translation>
        </message>
        <message>
            <source>Attach files…</source>
            <translation>Joindre des fichiers…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Save a copy…</source>
            <translation>Enregistrer une copie…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Attach to:</source>
            <translation>Joindre à :</translation>
        </message>
        <message>
            <source>The whole training</source>
            <translation>La formation entière</translation>
        </message>
        <message>
            <source>training</source>
            <translation>formation</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n fichier</numerusform>
                <numerusform>%n fichiers</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 MiB of %2 MiB</source>
            <translation>%1 Mio sur %2 Mio</translation>
        </message>
        <message>
            <source>Attach evidence files</source>
            <translation>Joindre des pièces justificatives</translation>
        </message>
        <message>
            <source>Save a copy</source>
            <translation>Enregistrer une copie</translation>
        </message>
        <message>
            <source>Saved %1.</source>
            <translation>%1 enregistré.</translation>
        </message>
    </context>
    <context>
        <name>FeedbackQuestionsDialog</name>
        <message>
            <source>Feedback form of {mission}</source>
            <translation>Fiche d’évaluation de {mission}</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>English</source>
            <translation>Anglais</translation>
        </message>
        <message>
            <source>French</source>
            <translation>Français</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>Retirée</translation>
        </message>
        <message>
            <source>&amp;Add a question</source>
            <translation>&amp;Ajouter une question</translation>
        </message>
        <message>
            <source>The standard questions keep their kind; retire a question to leave it off the form (its answers are kept).</source>
            <translation>Les questions standard gardent leur type ; retirez une question pour l’ôter de la fiche (ses réponses sont conservées).</translation>
        </message>
        <message>
            <source>Rating 1 to 5</source>
            <translation>Note de 1 à 5</translation>
        </message>
        <message>
            <source>Yes / no</source>
            <translation>Oui / non</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Commentaire</translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <source>Choose the participant list</source>
            <translation>Choisir la liste des participants</translation>
        </message>
        <message>
            <source>An Excel workbook (.xlsx) or a CSV file. Title rows above the column titles and blank lines are fine.</source>
            <translation>Un classeur Excel (.xlsx) ou un fichier CSV. Les lignes de titre au-dessus des en-têtes et les lignes vides ne posent pas de problème.</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>Fichier à importer</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Parcourir…</translation>
        </message>
        <message>
            <source>Sheet:</source>
            <translation>Feuille :</translation>
        </message>
        <message>
            <source>Import participants</source>
            <translation>Importer des participants</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)</source>
            <translation>Tableurs (*.xlsx *.xlsm *.csv *.tsv *.txt);;Tous les fichiers (*)</translation>
        </message>
    </context>
    <context>
        <name>HqDashboard</name>
        <message>
            <source>HQ dashboard — all missions</source>
            <translation>Tableau de bord du siège — toutes les missions</translation>
        </message>
        <message>
            <source>Group by:</source>
            <translation>Regrouper par :</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Participant category</source>
            <translation>Catégorie de participant</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Mois</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>Trimestre</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Année</translation>
        </message>
        <message>
            <source>Age band</source>
            <translation>Tranche d'âge</translation>
        </message>
        <message>
            <source>Disability</source>
            <translation>Handicap</translation>
        </message>
        <message>
            <source>Export table…</source>
            <translation>Exporter le tableau…</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>Groupe</translation>
        </message>
        <message>
            <source>Trainings</source>
            <translation>Formations</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Women</source>
            <translation>Femmes</translation>
        </message>
        <message>
            <source>Men</source>
            <translation>Hommes</translation>
        </message>
        <message>
            <source>Women %</source>
            <translation>% de femmes</translation>
        </message>
        <message>
            <source>Select a row to see its trainings.</source>
            <translation>Sélectionnez une ligne pour voir ses formations.</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>End</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Lieux</translation>
        </message>
        <message>
            <source>Devices (bundles received):</source>
            <translation>Appareils (lots reçus) :</translation>
        </message>
        <message>
            <source>Focal point</source>
            <translation>Point focal</translation>
        </message>
        <message>
            <source>Last bundle</source>
            <translation>Dernier lot</translation>
        </message>
        <message>
            <source>Received (UTC)</source>
            <translation>Reçu (UTC)</translation>
        </message>
        <message>
            <source>Missing bundles</source>
            <translation>Lots manquants</translation>
        </message>
        <message>
            <source>Per-diem: {totals}</source>
            <translation>Per diem : {totals}</translation>
        </message>
        <message>
            <source>Trainings for {key}:</source>
            <translation>Formations pour {key} :</translation>
        </message>
        <message>
            <source>Export table</source>
            <translation>Exporter le tableau</translation>
        </message>
        <message>
            <source>Table written to {path}.</source>
            <translation>Tableau écrit dans {path}.</translation>
        </message>
        <message>
            <source>(no category)</source>
            <translation>(sans catégorie)</translation>
        </message>
        <message numerus="yes">
            <source>%n training(s)</source>
            <translation>
                <numerusform>%n formation</numerusform>
                <numerusform>%n formations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unique participant(s)</source>
            <translation>
                <numerusform>%n participant unique</numerusform>
                <numerusform>%n participants uniques</numerusform>
            </translation>
        </message>
        <message>
            <source>({share} women)</source>
            <translation>({share} de femmes)</translation>
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
            <translation>Formation achevée</translation>
        </message>
        <message numerus="yes">
            <source>%n completed</source>
            <translation>
                <numerusform>%n ayant achevé</numerusform>
                <numerusform>%n ayant achevé</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IdentityDialog</name>
        <message>
            <source>Set up your signing identity</source>
            <translation>Créer votre identité de signature</translation>
        </message>
        <message>
            <source>Muster signs the summaries you export so that HQ can check they come from you and were not changed. Your key stays on this computer, protected by a passphrase of at least {n} characters. If you forget it, you will need a new identity.</source>
            <translation>Muster signe les résumés que vous exportez pour que le siège puisse vérifier qu’ils viennent de vous et n’ont pas été modifiés. Votre clé reste sur cet ordinateur, protégée par une phrase secrète d’au moins {n} caractères. Si vous l’oubliez, il vous faudra une nouvelle identité.</translation>
        </message>
        <message>
            <source>e.g. Training focal point</source>
            <translation>p. ex. Point focal formation</translation>
        </message>
        <message>
            <source>Field (a mission)</source>
            <translation>Terrain (une mission)</translation>
        </message>
        <message>
            <source>Headquarters</source>
            <translation>Siège</translation>
        </message>
        <message>
            <source>Mission code, e.g. MONUSCO</source>
            <translation>Code de la mission, p. ex. MONUSCO</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Votre nom</translation>
        </message>
        <message>
            <source>Your title</source>
            <translation>Votre fonction</translation>
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
            <translation>Courriel (facultatif)</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Phrase secrète</translation>
        </message>
        <message>
            <source>Passphrase again</source>
            <translation>Confirmer la phrase secrète</translation>
        </message>
        <message>
            <source>The two passphrases are not the same.</source>
            <translation>Les deux phrases secrètes ne sont pas identiques.</translation>
        </message>
    </context>
    <context>
        <name>IdentityInfoDialog</name>
        <message>
            <source>My signing identity</source>
            <translation>Mon identité de signature</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Créée le</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Empreinte</translation>
        </message>
        <message>
            <source>Send your certificate to HQ and read them the fingerprint over the phone, so they know it is yours.</source>
            <translation>Envoyez votre certificat au siège et lisez-leur l’empreinte au téléphone, pour qu’ils sachent qu’il est bien le vôtre.</translation>
        </message>
        <message>
            <source>Export certificate…</source>
            <translation>Exporter le certificat…</translation>
        </message>
        <message>
            <source>Export certificate</source>
            <translation>Exporter le certificat</translation>
        </message>
        <message>
            <source>Certificates (*.pem)</source>
            <translation>Certificats (*.pem)</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>a total line, not a person</source>
            <translation>une ligne de total, pas une personne</translation>
        </message>
        <message>
            <source>a signature line, not a person</source>
            <translation>une ligne de signature, pas une personne</translation>
        </message>
        <message>
            <source>a note under the table, not a person</source>
            <translation>une note sous le tableau, pas une personne</translation>
        </message>
        <message>
            <source>the column titles again (a new printed page), not a person</source>
            <translation>les titres de colonnes répétés (nouvelle page imprimée), pas une personne</translation>
        </message>
        <message>
            <source>below the table's total or signature line, with only a name</source>
            <translation>sous la ligne de total ou de signature du tableau, avec un nom seulement</translation>
        </message>
        <message>
            <source>a spreadsheet formula, not a name</source>
            <translation>une formule de tableur, pas un nom</translation>
        </message>
        <message>
            <source>HXL hashtags (for data tools), not a person</source>
            <translation>mots-dièses HXL (pour les outils de données), pas une personne</translation>
        </message>
        <message>
            <source>a heading or a total line, not a person</source>
            <translation>un titre ou une ligne de total, pas une personne</translation>
        </message>
        <message>
            <source>no name</source>
            <translation>pas de nom</translation>
        </message>
        <message>
            <source>no name (only numbers or symbols)</source>
            <translation>pas de nom (seulement des chiffres ou des symboles)</translation>
        </message>
        <message>
            <source>the name is too short to be a name</source>
            <translation>trop court pour être un nom</translation>
        </message>
        <message>
            <source>looks like a number, not a name</source>
            <translation>ressemble à un nombre, pas à un nom</translation>
        </message>
        <message>
            <source>too long to be a name</source>
            <translation>trop long pour être un nom</translation>
        </message>
        <message>
            <source>(ignore)</source>
            <translation>(ignorer)</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>Nom complet</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Prénom</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Function / rank</source>
            <translation>Fonction / grade</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Nationality</source>
            <translation>Nationalité</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>Courriel</translation>
        </message>
        <message>
            <source>Import participants</source>
            <translation>Importer des participants</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
    </context>
    <context>
        <name>ListDialog</name>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Trainings</source>
            <translation>Formations</translation>
        </message>
        <message>
            <source>Where this installation keeps its data</source>
            <translation>Où cette installation garde ses données</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>&amp;New training</source>
            <translation>&amp;Nouvelle formation</translation>
        </message>
        <message>
            <source>&amp;Close tab</source>
            <translation>&amp;Fermer l’onglet</translation>
        </message>
        <message>
            <source>&amp;Reference lists…</source>
            <translation>&amp;Listes de référence…</translation>
        </message>
        <message>
            <source>Your &amp;profile…</source>
            <translation>Votre &amp;profil…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Undo delete</source>
            <translation>&amp;Annuler la suppression</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Rechercher…</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Ouvrir</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>D&amp;uplicate for next month</source>
            <translation>D&amp;upliquer pour le mois suivant</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>&amp;Supprimer…</translation>
        </message>
        <message>
            <source>De&amp;tails</source>
            <translation>Dé&amp;tails</translation>
        </message>
        <message>
            <source>&amp;Participants</source>
            <translation>&amp;Participants</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>É&amp;dition</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>Fo&amp;rmation</translation>
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation>S&amp;ynchronisation</translation>
        </message>
        <message>
            <source>T&amp;ools</source>
            <translation>&amp;Outils</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Aid&amp;e</translation>
        </message>
        <message>
            <source>&amp;Attendance</source>
            <translation>Présen&amp;ces</translation>
        </message>
        <message>
            <source>Su&amp;mmary</source>
            <translation>Résu&amp;mé</translation>
        </message>
        <message>
            <source>&amp;Add participants</source>
            <translation>&amp;Ajouter des participants</translation>
        </message>
        <message>
            <source>&amp;Trainings list</source>
            <translation>Liste des &amp;formations</translation>
        </message>
        <message>
            <source>&amp;Clear filters</source>
            <translation>&amp;Effacer les filtres</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Actualiser</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Raccourcis clavier</translation>
        </message>
        <message>
            <source>&amp;About Muster</source>
            <translation>À &amp;propos de Muster</translation>
        </message>
        <message numerus="yes">
            <source>%n training(s)</source>
            <translation>
                <numerusform>%n formation</numerusform>
                <numerusform>%n formations</numerusform>
            </translation>
        </message>
        <message>
            <source>Made a copy for {date}: {title}</source>
            <translation>Copie créée pour le {date} : {title}</translation>
        </message>
        <message>
            <source>Delete training</source>
            <translation>Supprimer la formation</translation>
        </message>
        <message>
            <source>Delete “{title}” with its sessions, participants' registrations and attendance? You can undo this until your next action.</source>
            <translation>Supprimer « {title} » avec ses séances, les inscriptions des participants et les présences ? Vous pourrez l’annuler jusqu’à votre prochaine action.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Undo delete</source>
            <translation>Annuler la suppression</translation>
        </message>
        <message>
            <source>Deleted “{title}”.</source>
            <translation>« {title} » supprimée.</translation>
        </message>
        <message>
            <source>Brought back “{title}”.</source>
            <translation>« {title} » rétablie.</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message numerus="yes">
            <source>%n participant(s) exported to {path}</source>
            <translation>
                <numerusform>%n participant exporté vers {path}</numerusform>
                <numerusform>%n participants exportés vers {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Add participants from an Excel or CSV list</source>
            <translation>Ajouter des participants depuis une liste Excel ou CSV</translation>
        </message>
        <message>
            <source>CSV for Excel, comma-separated (*.csv)</source>
            <translation>CSV pour Excel, séparateur virgule (*.csv)</translation>
        </message>
        <message>
            <source>CSV for French Excel, semicolon-separated (*.csv)</source>
            <translation>CSV pour Excel en français, séparateur point-virgule (*.csv)</translation>
        </message>
        <message>
            <source>Choose a training</source>
            <translation>Choisir une formation</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Classeur Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Excel workbook with HXL hashtags (*.xlsx)</source>
            <translation>Classeur Excel avec mots-dièses HXL (*.xlsx)</translation>
        </message>
        <message>
            <source>Export figures</source>
            <translation>Exporter les chiffres</translation>
        </message>
        <message>
            <source>Export figures…</source>
            <translation>Exporter les chiffres…</translation>
        </message>
        <message>
            <source>Export participants</source>
            <translation>Exporter les participants</translation>
        </message>
        <message>
            <source>Export participants…</source>
            <translation>Exporter les participants…</translation>
        </message>
        <message>
            <source>Figures exported to {path}</source>
            <translation>Chiffres exportés vers {path}</translation>
        </message>
        <message>
            <source>Find people recorded twice and merge them</source>
            <translation>Trouver les personnes enregistrées deux fois et les fusionner</translation>
        </message>
        <message>
            <source>Import participants…</source>
            <translation>Importer des participants…</translation>
        </message>
        <message>
            <source>Possible duplicates…</source>
            <translation>Doublons possibles…</translation>
        </message>
        <message>
            <source>Save the participant list as Excel or CSV</source>
            <translation>Enregistrer la liste des participants en Excel ou CSV</translation>
        </message>
        <message>
            <source>Save the summary tables (by category, sex, partner, session…) as Excel</source>
            <translation>Enregistrer les tableaux de synthèse (par catégorie, sexe, partenaire, séance…) au format Excel</translation>
        </message>
        <message>
            <source>Select a training in the list first.</source>
            <translation>Sélectionnez d'abord une formation dans la liste.</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Imprimer</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) sent to the printer.</source>
            <translation>
                <numerusform>%n page envoyée à l’imprimante.</numerusform>
                <numerusform>%n pages envoyées à l’imprimante.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Showing %n of {total} trainings</source>
            <translation>
                <numerusform>%n formation affichée sur {total}</numerusform>
                <numerusform>%n formations affichées sur {total}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Demo data loaded: %n training(s).</source>
            <translation>
                <numerusform>Données de démonstration chargées : %n formation.</numerusform>
                <numerusform>Données de démonstration chargées : %n formations.</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the selected training</source>
            <translation>Ouvrir la formation sélectionnée</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <source>Add the typed participant</source>
            <translation>Ajouter le participant saisi</translation>
        </message>
        <message>
            <source>Attendance: present, absent, excused, blank</source>
            <translation>Présences : présent, absent, excusé, vide</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Espace</translation>
        </message>
        <message>
            <source>E&amp;valuation</source>
            <translation>É&amp;valuation</translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message>
            <source>What is in each column?</source>
            <translation>Que contient chaque colonne ?</translation>
        </message>
        <message>
            <source>Muster guessed from the column titles. Change what is wrong; set columns you do not need to '(ignore)'.</source>
            <translation>Muster a deviné d'après les en-têtes. Corrigez ce qui est faux ; mettez « (ignorer) » pour les colonnes inutiles.</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Colonne du fichier</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>Premières valeurs</translation>
        </message>
        <message>
            <source>Import as</source>
            <translation>Importer comme</translation>
        </message>
        <message>
            <source>Remember these choices for files with the same columns</source>
            <translation>Retenir ces choix pour les fichiers ayant les mêmes colonnes</translation>
        </message>
        <message>
            <source>Reading the file…</source>
            <translation>Lecture du fichier…</translation>
        </message>
        <message>
            <source>{file}{sheet}: column titles on row {line}, {rows} rows below them.</source>
            <translation>{file}{sheet} : en-têtes à la ligne {line}, {rows} lignes en dessous.</translation>
        </message>
        <message>
            <source>Attendance on {day}</source>
            <translation>Présence le {day}</translation>
        </message>
        <message>
            <source>(column {n})</source>
            <translation>(colonne {n})</translation>
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
            <translation>Lot</translation>
        </message>
        <message>
            <source>Bundle {seq} written to {path}: {records} records, {docs} signed documents.</source>
            <translation>Lot {seq} écrit dans {path} : {records} enregistrements, {docs} documents signés.</translation>
        </message>
        <message>
            <source>Bundles are accepted only from these signers, each within its rights. Remove trust stops accepting one here; Revoke (HQ) tells every installation, through your next bundles and receipts.</source>
            <translation>Les lots ne sont acceptés que de ces signataires, chacun dans la limite de ses droits. « Retirer la confiance » cesse d’en accepter un ici ; « Révoquer » (siège) prévient toutes les installations par vos prochains lots et accusés de réception.</translation>
        </message>
        <message>
            <source>Bundles that are not encrypted are accepted again, except from a device that has sent encrypted ones.</source>
            <translation>Les lots non chiffrés sont de nouveau acceptés, sauf d’un appareil qui en a déjà envoyé de chiffrés.</translation>
        </message>
        <message>
            <source>Bundles that are not encrypted are now refused here.</source>
            <translation>Les lots non chiffrés sont désormais refusés ici.</translation>
        </message>
        <message>
            <source>Bundles will now be encrypted for HQ ({name}).</source>
            <translation>Les lots seront désormais chiffrés pour le siège ({name}).</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulée</translation>
        </message>
        <message>
            <source>Check HQ's key</source>
            <translation>Vérifier la clé du siège</translation>
        </message>
        <message>
            <source>Checking bundles…</source>
            <translation>Vérification des lots…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Co-organiser</source>
            <translation>Co-organisateur</translation>
        </message>
        <message>
            <source>Conference</source>
            <translation>Conférence</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflits</translation>
        </message>
        <message>
            <source>Conflicts to review</source>
            <translation>Conflits à examiner</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Supprimés</translation>
        </message>
        <message>
            <source>Detected (UTC)</source>
            <translation>Détecté (UTC)</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>Appareil</translation>
        </message>
        <message>
            <source>Device:</source>
            <translation>Appareil :</translation>
        </message>
        <message>
            <source>Do you want to save them?</source>
            <translation>Voulez-vous les enregistrer ?</translation>
        </message>
        <message>
            <source>Encrypted</source>
            <translation>Chiffré</translation>
        </message>
        <message>
            <source>Enrolment revoked on {when} by {who}</source>
            <translation>Enrôlement révoqué le {when} par {who}</translation>
        </message>
        <message>
            <source>Enrolment {serial}</source>
            <translation>Enrôlement {serial}</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>Excusé</translation>
        </message>
        <message>
            <source>Export HQ's key</source>
            <translation>Exporter la clé du siège</translation>
        </message>
        <message>
            <source>Export HQ's key…</source>
            <translation>Exporter la clé du siège…</translation>
        </message>
        <message>
            <source>Export bundle for HQ</source>
            <translation>Exporter un lot pour le siège</translation>
        </message>
        <message>
            <source>Export bundle for HQ…</source>
            <translation>Exporter un lot pour le siège…</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Femme</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Terrain</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Empreinte</translation>
        </message>
        <message>
            <source>Fingerprint:</source>
            <translation>Empreinte :</translation>
        </message>
        <message>
            <source>Fingerprint:
{fp}

Check it with {name} (by phone, for example) before trusting.</source>
            <translation>Empreinte :
{fp}

Vérifiez-la avec {name} (par téléphone, par exemple) avant de lui faire confiance.</translation>
        </message>
        <message>
            <source>Fingerprint: {fp}

Other installations still trust them: to stop them everywhere, revoke the device instead.</source>
            <translation>Empreinte : {fp}

Les autres installations lui font toujours confiance : pour l’arrêter partout, révoquez plutôt l’appareil.</translation>
        </message>
        <message>
            <source>For example: laptop stolen</source>
            <translation>Par exemple : ordinateur portable volé</translation>
        </message>
        <message>
            <source>From</source>
            <translation>De</translation>
        </message>
        <message>
            <source>Funder</source>
            <translation>Bailleur</translation>
        </message>
        <message>
            <source>HQ</source>
            <translation>Siège</translation>
        </message>
        <message>
            <source>HQ dashboard</source>
            <translation>Tableau de bord du siège</translation>
        </message>
        <message>
            <source>HQ key</source>
            <translation>Clé du siège</translation>
        </message>
        <message>
            <source>HQ's key written to {path}.</source>
            <translation>Clé du siège écrite dans {path}.</translation>
        </message>
        <message>
            <source>HQ's passphrase (it protects HQ's decryption key; use your signing passphrase):</source>
            <translation>Phrase secrète du siège (elle protège la clé de déchiffrement du siège ; utilisez votre phrase secrète de signature) :</translation>
        </message>
        <message>
            <source>HQ: {name}
Fingerprint:
{fp}
Key: {key}

Check the fingerprint with HQ (by phone, for example) before using this key.</source>
            <translation>Siège : {name}
Empreinte :
{fp}
Clé : {key}

Vérifiez l’empreinte avec le siège (par téléphone, par exemple) avant d’utiliser cette clé.</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Réalisée</translation>
        </message>
        <message>
            <source>Import a receipt from HQ</source>
            <translation>Importer un accusé de réception du siège</translation>
        </message>
        <message>
            <source>Import a receipt from HQ…</source>
            <translation>Importer un accusé de réception du siège…</translation>
        </message>
        <message>
            <source>Import bundles</source>
            <translation>Importer des lots</translation>
        </message>
        <message>
            <source>Import bundles…</source>
            <translation>Importer des lots…</translation>
        </message>
        <message>
            <source>Import log</source>
            <translation>Journal des imports</translation>
        </message>
        <message>
            <source>Imported by</source>
            <translation>Importé par</translation>
        </message>
        <message>
            <source>It is encrypted for HQ.</source>
            <translation>Il est chiffré pour le siège.</translation>
        </message>
        <message>
            <source>Keep the kept version</source>
            <translation>Garder la version retenue</translation>
        </message>
        <message>
            <source>Kept ⟷ other version</source>
            <translation>Retenue ⟷ autre version</translation>
        </message>
        <message>
            <source>Last bundle (UTC)</source>
            <translation>Dernier lot (UTC)</translation>
        </message>
        <message>
            <source>Lead</source>
            <translation>Chef de file</translation>
        </message>
        <message>
            <source>Load HQ's key</source>
            <translation>Charger la clé du siège</translation>
        </message>
        <message>
            <source>Load HQ's key…</source>
            <translation>Charger la clé du siège…</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Homme</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Mission:</source>
            <translation>Mission :</translation>
        </message>
        <message>
            <source>Muster bundles (*.muster)</source>
            <translation>Lots Muster (*.muster)</translation>
        </message>
        <message>
            <source>Muster receipts (*.json)</source>
            <translation>Accusés de réception Muster (*.json)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveaux</translation>
        </message>
        <message>
            <source>No HQ you trust signed this key.</source>
            <translation>Aucun siège auquel vous faites confiance n’a signé cette clé.</translation>
        </message>
        <message>
            <source>No bundles imported yet.</source>
            <translation>Aucun lot importé pour l'instant.</translation>
        </message>
        <message>
            <source>No conflicts to review.</source>
            <translation>Aucun conflit à examiner.</translation>
        </message>
        <message>
            <source>Not stated</source>
            <translation>Non précisé</translation>
        </message>
        <message>
            <source>Not yet</source>
            <translation>Pas encore</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>Prévue</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Présent</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>Motif :</translation>
        </message>
        <message>
            <source>Receipt from HQ</source>
            <translation>Accusé de réception du siège</translation>
        </message>
        <message>
            <source>Receipt written: {n} bundles.</source>
            <translation>Accusé de réception écrit : {n} lots.</translation>
        </message>
        <message>
            <source>Received (UTC)</source>
            <translation>Reçu (UTC)</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Enregistrement</translation>
        </message>
        <message>
            <source>Refuse every bundle that is not encrypted for HQ, from any device</source>
            <translation>Refuser tout lot qui n’est pas chiffré pour le siège, quel que soit l’appareil</translation>
        </message>
        <message>
            <source>Remove trust</source>
            <translation>Retirer la confiance</translation>
        </message>
        <message>
            <source>Remove trust…</source>
            <translation>Retirer la confiance…</translation>
        </message>
        <message>
            <source>Removed on {when}</source>
            <translation>Retiré le {when}</translation>
        </message>
        <message>
            <source>Revocations</source>
            <translation>Révocations</translation>
        </message>
        <message>
            <source>Revocations ({n})</source>
            <translation>Révocations ({n})</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>Révoquer</translation>
        </message>
        <message>
            <source>Revoke only the HQ enrolment it is trusted by (a wrong mission, say)</source>
            <translation>Révoquer seulement l’enrôlement du siège qui lui donne confiance (une mauvaise mission, par exemple)</translation>
        </message>
        <message>
            <source>Revoke {name}</source>
            <translation>Révoquer {name}</translation>
        </message>
        <message>
            <source>Revoked</source>
            <translation>Révoqué</translation>
        </message>
        <message>
            <source>Revoked by</source>
            <translation>Révoqué par</translation>
        </message>
        <message>
            <source>Revoked on {when} by {who}</source>
            <translation>Révoqué le {when} par {who}</translation>
        </message>
        <message>
            <source>Revoke…</source>
            <translation>Révoquer…</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Seminar</source>
            <translation>Séminaire</translation>
        </message>
        <message>
            <source>Side event</source>
            <translation>Événement parallèle</translation>
        </message>
        <message>
            <source>Standing</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Stop trusting {name}? Their bundles are refused here from now on.</source>
            <translation>Ne plus faire confiance à {name} ? Ses lots seront refusés ici désormais.</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>Table</translation>
        </message>
        <message>
            <source>The revocation is signed with your key and travels in your next bundles and receipts: every installation it reaches refuses this device's bundles. The device cannot undo it; only a person trusting it again at an installation can.</source>
            <translation>La révocation est signée avec votre clé et part avec vos prochains lots et accusés de réception : chaque installation qu’elle atteint refuse les lots de cet appareil. L’appareil ne peut pas l’annuler ; seule une personne qui lui refait confiance dans une installation le peut.</translation>
        </message>
        <message>
            <source>They will be trusted as HQ: they may change everything.</source>
            <translation>Cette personne sera reconnue comme siège : elle pourra tout modifier.</translation>
        </message>
        <message>
            <source>They will be trusted as a field device of {mission}: they may change that mission's trainings only.</source>
            <translation>Cette personne sera reconnue comme poste de terrain de {mission} : elle ne pourra modifier que les formations de cette mission.</translation>
        </message>
        <message>
            <source>This bundle is encrypted for HQ. Enter HQ's passphrase:</source>
            <translation>Ce lot est chiffré pour le siège. Saisissez la phrase secrète du siège :</translation>
        </message>
        <message>
            <source>This bundle is signed by {name} ({mission}), who is not in your trusted list.</source>
            <translation>Ce lot est signé par {name} ({mission}), qui ne figure pas dans votre liste de confiance.</translation>
        </message>
        <message>
            <source>This key would replace the HQ key already set, and no HQ you trust signed it.</source>
            <translation>Cette clé remplacerait la clé du siège déjà enregistrée, et aucun siège auquel vous faites confiance ne l’a signée.</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Formation</translation>
        </message>
        <message>
            <source>Trust again</source>
            <translation>Refaire confiance</translation>
        </message>
        <message>
            <source>Trust again…</source>
            <translation>Refaire confiance…</translation>
        </message>
        <message>
            <source>Trust and import</source>
            <translation>Faire confiance et importer</translation>
        </message>
        <message>
            <source>Trust {name} again?</source>
            <translation>Refaire confiance à {name} ?</translation>
        </message>
        <message>
            <source>Trusted</source>
            <translation>De confiance</translation>
        </message>
        <message>
            <source>Trusted (HQ enrolment)</source>
            <translation>De confiance (enrôlement du siège)</translation>
        </message>
        <message>
            <source>Trusted devices</source>
            <translation>Appareils de confiance</translation>
        </message>
        <message>
            <source>Trusted devices…</source>
            <translation>Appareils de confiance…</translation>
        </message>
        <message>
            <source>Trusted signers</source>
            <translation>Signataires de confiance</translation>
        </message>
        <message>
            <source>Unknown signer</source>
            <translation>Signataire inconnu</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Modifications non enregistrées</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Modifiés</translation>
        </message>
        <message>
            <source>Use the other version</source>
            <translation>Utiliser l'autre version</translation>
        </message>
        <message>
            <source>Use this key</source>
            <translation>Utiliser cette clé</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation>Date (UTC)</translation>
        </message>
        <message>
            <source>Workshop</source>
            <translation>Atelier</translation>
        </message>
        <message>
            <source>Write a receipt</source>
            <translation>Écrire un accusé de réception</translation>
        </message>
        <message>
            <source>Write a receipt for the field…</source>
            <translation>Écrire un accusé de réception pour le terrain…</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>no. {seq}, {when}</source>
            <translation>n° {seq}, {when}</translation>
        </message>
        <message>
            <source>{name} is no longer trusted here.</source>
            <translation>Vous ne faites plus confiance à {name} ici.</translation>
        </message>
        <message>
            <source>{name} is trusted again.</source>
            <translation>Vous faites de nouveau confiance à {name}.</translation>
        </message>
        <message>
            <source>{name}'s device is revoked (on {when} UTC). The revocation travels in your next bundles and receipts.</source>
            <translation>L’appareil de {name} est révoqué (le {when} UTC). La révocation part avec vos prochains lots et accusés de réception.</translation>
        </message>
        <message>
            <source>{name}'s enrolment is revoked (on {when} UTC); a new enrolment accepts the device again. The revocation travels in your next bundles and receipts.</source>
            <translation>L’enrôlement de {name} est révoqué (le {when} UTC) ; un nouvel enrôlement accepte de nouveau l’appareil. La révocation part avec vos prochains lots et accusés de réception.</translation>
        </message>
        <message>
            <source>{what} has changes that are not saved yet.</source>
            <translation>« {what} » a des modifications non encore enregistrées.</translation>
        </message>
        <message>
            <source>A file called {name} is already in that folder.</source>
            <translation>Un fichier nommé {name} se trouve déjà dans ce dossier.</translation>
        </message>
        <message>
            <source>Civil society</source>
            <translation>Société civile</translation>
        </message>
        <message>
            <source>Donor</source>
            <translation>Bailleur de fonds</translation>
        </message>
        <message>
            <source>Export without encryption</source>
            <translation>Exporter sans chiffrement</translation>
        </message>
        <message>
            <source>File already there</source>
            <translation>Fichier déjà présent</translation>
        </message>
        <message>
            <source>HQ keys (*.key);;All files (*)</source>
            <translation>Clés du siège (*.key);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>HQ's key is not loaded on this computer, so this bundle would NOT be encrypted: anyone who finds the USB stick or the e-mail could read the participants' names.</source>
            <translation>La clé du siège n’est pas chargée sur cet ordinateur : ce lot ne serait donc PAS chiffré, et quiconque trouverait la clé USB ou le courriel pourrait lire les noms des participants.</translation>
        </message>
        <message>
            <source>It is not encrypted.</source>
            <translation>Il n’est pas chiffré.</translation>
        </message>
        <message>
            <source>Load the key HQ sent you first (a .key file), then export.</source>
            <translation>Chargez d’abord la clé que le siège vous a envoyée (un fichier .key), puis exportez.</translation>
        </message>
        <message>
            <source>National institution</source>
            <translation>Institution nationale</translation>
        </message>
        <message>
            <source>Regional organisation</source>
            <translation>Organisation régionale</translation>
        </message>
        <message>
            <source>Replace it</source>
            <translation>Le remplacer</translation>
        </message>
        <message>
            <source>Replace it, or keep it and save under a new name?</source>
            <translation>Le remplacer, ou le garder et enregistrer sous un nouveau nom ?</translation>
        </message>
        <message>
            <source>Save under a new name</source>
            <translation>Enregistrer sous un nouveau nom</translation>
        </message>
        <message>
            <source>The bundle would not be encrypted</source>
            <translation>Le lot ne serait pas chiffré</translation>
        </message>
        <message>
            <source>UN entity</source>
            <translation>Entité des Nations Unies</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>En retard</translation>
        </message>
        <message>
            <source>Left early</source>
            <translation>Parti tôt</translation>
        </message>
    </context>
    <context>
        <name>NewPartnerDialog</name>
        <message>
            <source>New partner organisation</source>
            <translation>Nouvelle organisation partenaire</translation>
        </message>
        <message>
            <source>“{acronym}” is not in the list of partner organisations yet. Add it, and the participant will be registered with it.</source>
            <translation>« {acronym} » ne figure pas encore dans la liste des organisations partenaires. Ajoutez-la, et le participant sera inscrit avec elle.</translation>
        </message>
        <message>
            <source>For example: Ministry of Justice</source>
            <translation>Par exemple : Ministère de la Justice</translation>
        </message>
        <message>
            <source>&amp;Acronym</source>
            <translation>&amp;Sigle</translation>
        </message>
        <message>
            <source>Full &amp;name</source>
            <translation>&amp;Nom complet</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>&amp;Type</translation>
        </message>
        <message>
            <source>Add partner</source>
            <translation>Ajouter le partenaire</translation>
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
            <translation>Première fiche</translation>
        </message>
        <message>
            <source>Second record</source>
            <translation>Seconde fiche</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Pourquoi</translation>
        </message>
    </context>
    <context>
        <name>ParticipantsModel</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Sessions present</source>
            <translation>Séances suivies</translation>
        </message>
    </context>
    <context>
        <name>ParticipantsPage</name>
        <message>
            <source>Full name</source>
            <translation>Nom complet</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Ajouter</translation>
        </message>
        <message>
            <source>Search in this list</source>
            <translation>Rechercher dans cette liste</translation>
        </message>
        <message>
            <source>&amp;Remove from training…</source>
            <translation>&amp;Retirer de la formation…</translation>
        </message>
        <message>
            <source>Consent and profile…</source>
            <translation>Consentement et profil…</translation>
        </message>
        <message>
            <source>Type a name, press Tab to go through the fields and Enter to add. Choose a suggested name to register a person Muster already knows.</source>
            <translation>Tapez un nom, passez d’un champ à l’autre avec Tab et ajoutez avec Entrée. Choisissez un nom proposé pour inscrire une personne que Muster connaît déjà.</translation>
        </message>
        <message>
            <source>(category)</source>
            <translation>(catégorie)</translation>
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
            <translation>{women} femmes ({share} %)</translation>
        </message>
        <message>
            <source>{shown} shown</source>
            <translation>{shown} affichés</translation>
        </message>
        <message>
            <source>{name} is already known to Muster: adding registers the same person.</source>
            <translation>{name} est déjà connu de Muster : l’ajout inscrit la même personne.</translation>
        </message>
        <message>
            <source>Please type the participant's name first.</source>
            <translation>Tapez d’abord le nom du participant.</translation>
        </message>
        <message>
            <source>Same person?</source>
            <translation>Même personne ?</translation>
        </message>
        <message>
            <source>Muster already knows {name}{details}. Is this the same person?</source>
            <translation>Muster connaît déjà {name}{details}. Est-ce la même personne ?</translation>
        </message>
        <message>
            <source>Yes, register that person</source>
            <translation>Oui, inscrire cette personne</translation>
        </message>
        <message>
            <source>No, add a new person</source>
            <translation>Non, ajouter une nouvelle personne</translation>
        </message>
        <message>
            <source>Added {name}.</source>
            <translation>{name} ajouté.</translation>
        </message>
        <message>
            <source>Remove from training</source>
            <translation>Retirer de la formation</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>A partner organisation; type a new acronym to add it to the list</source>
            <translation>Une organisation partenaire ; tapez un nouveau sigle pour l’ajouter à la liste</translation>
        </message>
        <message>
            <source>Partner {partner} added to the reference list.</source>
            <translation>Partenaire {partner} ajouté à la liste de référence.</translation>
        </message>
        <message>
            <source>Already on this list</source>
            <translation>Déjà sur cette liste</translation>
        </message>
        <message>
            <source>{name}{details} is already on this list of participants.</source>
            <translation>{name}{details} figure déjà sur cette liste de participants.</translation>
        </message>
        <message>
            <source>Adding would count the same person twice in the figures.</source>
            <translation>L’ajouter compterait deux fois la même personne dans les chiffres.</translation>
        </message>
        <message>
            <source>Open that row</source>
            <translation>Ouvrir cette ligne</translation>
        </message>
        <message>
            <source>Add anyway</source>
            <translation>Ajouter quand même</translation>
        </message>
        <message>
            <source>Take {names} off this training, with their attendance?</source>
            <translation>Retirer {names} de cette formation, avec ses présences ?</translation>
        </message>
        <message numerus="yes">
            <source>Also delete from Muster the %n record(s) no other training uses</source>
            <translation>
                <numerusform>Supprimer aussi de Muster la fiche qu’aucune autre formation n’utilise</numerusform>
                <numerusform>Supprimer aussi de Muster les %n fiches qu’aucune autre formation n’utilise</numerusform>
            </translation>
        </message>
        <message>
            <source>Otherwise the person stays in Muster, to register another time.</source>
            <translation>Sinon, la personne reste dans Muster, pour une autre inscription.</translation>
        </message>
        <message>
            <source>The person stays in Muster.</source>
            <translation>La personne reste dans Muster.</translation>
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
            <translation>Rôle</translation>
        </message>
    </context>
    <context>
        <name>Passphrase</name>
        <message>
            <source>The passphrase must be at least 10 characters long; a few words in a row are easy to remember and hard to guess.</source>
            <translation>La phrase secrète doit compter au moins 10 caractères ; quelques mots à la suite se retiennent facilement et se devinent difficilement.</translation>
        </message>
        <message>
            <source>The passphrase repeats the same characters or words; choose a few words that have nothing to do with each other.</source>
            <translation>La phrase secrète répète les mêmes caractères ou les mêmes mots ; choisissez quelques mots sans rapport entre eux.</translation>
        </message>
        <message>
            <source>The passphrase is a sequence such as "abcd" or "1234", which is guessed at once; choose a few unrelated words.</source>
            <translation>La phrase secrète est une suite comme « abcd » ou « 1234 », devinée tout de suite ; choisissez quelques mots sans rapport entre eux.</translation>
        </message>
        <message>
            <source>The passphrase follows the keys of the keyboard (like "qwerty"), which is guessed at once; choose a few unrelated words.</source>
            <translation>La phrase secrète suit les touches du clavier (comme « azerty »), ce qui se devine tout de suite ; choisissez quelques mots sans rapport entre eux.</translation>
        </message>
        <message>
            <source>The passphrase is mostly a date or a year, which is easy to guess; choose a few unrelated words.</source>
            <translation>La phrase secrète est surtout une date ou une année, facile à deviner ; choisissez quelques mots sans rapport entre eux.</translation>
        </message>
        <message>
            <source>The passphrase contains your own name, mission or e-mail address, which anyone could guess; choose other words.</source>
            <translation>La phrase secrète contient votre nom, votre mission ou votre adresse électronique, que n'importe qui pourrait deviner ; choisissez d'autres mots.</translation>
        </message>
        <message>
            <source>The passphrase is a common word or password, which is guessed at once; add a few unrelated words.</source>
            <translation>La phrase secrète est un mot ou un mot de passe courant, deviné tout de suite ; ajoutez quelques mots sans rapport entre eux.</translation>
        </message>
        <message>
            <source>The passphrase is too easy to guess; add another word or two.</source>
            <translation>La phrase secrète est trop facile à deviner ; ajoutez un ou deux mots.</translation>
        </message>
        <message>
            <source>The passphrase is not right.</source>
            <translation>La phrase secrète n'est pas la bonne.</translation>
        </message>
        <message>
            <source>That recovery key does not unlock this installation.</source>
            <translation>Cette clé de récupération ne déverrouille pas cette installation.</translation>
        </message>
        <message>
            <source>The two new passphrases are not the same.</source>
            <translation>Les deux nouvelles phrases secrètes ne sont pas identiques.</translation>
        </message>
        <message>
            <source>That is not a recovery key: it has 32 letters and digits, in eight groups of four.</source>
            <translation>Ce n'est pas une clé de récupération : elle compte 32 lettres et chiffres, en huit groupes de quatre.</translation>
        </message>
        <message>
            <source>Use the passphrase that unlocks Muster on this computer: one passphrase protects your data and your signing key.</source>
            <translation>Utilisez la phrase secrète qui déverrouille Muster sur cet ordinateur : une seule phrase secrète protège vos données et votre clé de signature.</translation>
        </message>
        <message>
            <source>The new passphrase is the same as the current one.</source>
            <translation>La nouvelle phrase secrète est identique à l'actuelle.</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <source>Unlock your signing key</source>
            <translation>Déverrouiller votre clé de signature</translation>
        </message>
        <message>
            <source>Enter the passphrase of {who}'s signing key. Muster remembers it until you close the app.</source>
            <translation>Saisissez la phrase secrète de la clé de signature de {who}. Muster s’en souvient jusqu’à la fermeture de l’application.</translation>
        </message>
        <message>
            <source>Choose a new passphrase</source>
            <translation>Choisissez une nouvelle phrase secrète</translation>
        </message>
        <message>
            <source>Change your passphrase</source>
            <translation>Changer votre phrase secrète</translation>
        </message>
        <message>
            <source>You opened Muster with your recovery key. Choose a new passphrase: it will unlock your data and your signing key from now on.</source>
            <translation>Vous avez ouvert Muster avec votre clé de récupération. Choisissez une nouvelle phrase secrète : désormais, elle déverrouillera vos données et votre clé de signature.</translation>
        </message>
        <message>
            <source>The new passphrase will unlock your data and your signing key. Your data is not rewritten, and your recovery key keeps working.</source>
            <translation>La nouvelle phrase secrète déverrouillera vos données et votre clé de signature. Vos données ne sont pas réécrites, et votre clé de récupération reste valable.</translation>
        </message>
        <message>
            <source>C&amp;urrent passphrase</source>
            <translation>Phrase secrète a&amp;ctuelle</translation>
        </message>
        <message>
            <source>&amp;New passphrase</source>
            <translation>&amp;Nouvelle phrase secrète</translation>
        </message>
        <message>
            <source>New passphrase &amp;again</source>
            <translation>Nouvelle phrase secrète, &amp;encore</translation>
        </message>
        <message>
            <source>&amp;Change passphrase</source>
            <translation>&amp;Changer la phrase secrète</translation>
        </message>
    </context>
    <context>
        <name>PerdiemPage</name>
        <message>
            <source>Rate</source>
            <translation>Taux</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Currency</source>
            <translation>Devise</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Add a rate</source>
            <translation>Ajouter un taux</translation>
        </message>
        <message>
            <source>Remove the rate</source>
            <translation>Retirer le taux</translation>
        </message>
        <message>
            <source>Save and compute</source>
            <translation>Enregistrer et calculer</translation>
        </message>
        <message>
            <source>Export the payment sheet (.xlsx)…</source>
            <translation>Exporter l'état de paiement (.xlsx)…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>Jours</translation>
        </message>
        <message>
            <source>Nights</source>
            <translation>Nuits</translation>
        </message>
        <message>
            <source>Owed</source>
            <translation>Dû</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>Paid for each day a person was marked present; a night between two days attended (unless they sleep at home). UN staff are never paid. Each line is rounded once, half up, to the currency's smallest unit.</source>
            <translation>Payé pour chaque jour où la personne a été marquée présente ; une nuit entre deux jours de présence (sauf si elle dort chez elle). Le personnel des Nations Unies n'est jamais payé. Chaque ligne est arrondie une seule fois, la moitié vers le haut, à la plus petite unité de la devise.</translation>
        </message>
        <message>
            <source>Paid categories</source>
            <translation>Catégories payées</translation>
        </message>
        <message>
            <source>Rates</source>
            <translation>Taux</translation>
        </message>
        <message>
            <source>Any place</source>
            <translation>Tout lieu</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Enregistré.</translation>
        </message>
        <message>
            <source>UN staff</source>
            <translation>Personnel ONU</translation>
        </message>
        <message>
            <source>Excluded</source>
            <translation>Exclu</translation>
        </message>
        <message>
            <source>Category not paid</source>
            <translation>Catégorie non payée</translation>
        </message>
        <message>
            <source>Included</source>
            <translation>Inclus</translation>
        </message>
        <message>
            <source>Paid category</source>
            <translation>Catégorie payée</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) paid</source>
            <translation>
                <numerusform>%n personne payée</numerusform>
                <numerusform>%n personnes payées</numerusform>
            </translation>
        </message>
        <message>
            <source>Total: %1</source>
            <translation>Total : %1</translation>
        </message>
        <message>
            <source>Export the payment sheet</source>
            <translation>Exporter l'état de paiement</translation>
        </message>
        <message>
            <source>Payment sheet saved to %1.</source>
            <translation>État de paiement enregistré dans %1.</translation>
        </message>
    </context>
    <context>
        <name>PersonCard</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>Courriel</translation>
        </message>
        <message>
            <source>Trainings</source>
            <translation>Formations</translation>
        </message>
        <message>
            <source>Attendance marks</source>
            <translation>Présences relevées</translation>
        </message>
        <message>
            <source>{field}:</source>
            <translation>{field} :</translation>
        </message>
    </context>
    <context>
        <name>PreviewDialog</name>
        <message>
            <source>Import bundles: preview</source>
            <translation>Importer des lots : aperçu</translation>
        </message>
        <message>
            <source>Every bundle was checked: signature, trusted signer, content. Nothing is written until you press Import.</source>
            <translation>Chaque lot a été vérifié : signature, signataire de confiance, contenu. Rien n'est écrit avant que vous appuyiez sur Importer.</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>From</source>
            <translation>De</translation>
        </message>
        <message>
            <source>Mission</source>
            <translation>Mission</translation>
        </message>
        <message>
            <source>Bundle</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveaux</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Modifiés</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Supprimés</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflits</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Remarques</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
        <message>
            <source>These bundles would change nothing.</source>
            <translation>Ces lots ne changeraient rien.</translation>
        </message>
        <message>
            <source>Imported. The import log keeps this summary.</source>
            <translation>Importé. Le journal des imports conserve ce résumé.</translation>
        </message>
    </context>
    <context>
        <name>PreviewModel</name>
        <message>
            <source>Row</source>
            <translation>Ligne</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Remarques</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>Nouvelle personne</translation>
        </message>
        <message>
            <source>Same as {name}{org} ({score}%)</source>
            <translation>Même personne que {name}{org} ({score} %)</translation>
        </message>
        <message>
            <source>Leave out</source>
            <translation>Ne pas importer</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(sans nom)</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ignorée</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>Check before importing</source>
            <translation>Vérifier avant d'importer</translation>
        </message>
        <message>
            <source>Nothing is saved yet. Rows in orange may be people Muster already knows: choose who they are in the Person column.</source>
            <translation>Rien n'est encore enregistré. Les lignes en orange sont peut-être des personnes déjà connues : choisissez qui elles sont dans la colonne Personne.</translation>
        </message>
        <message>
            <source>In the file</source>
            <translation>Dans le fichier</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>Lignes</translation>
        </message>
        <message>
            <source>Read as</source>
            <translation>Lu comme</translation>
        </message>
        <message>
            <source>Categories and partners Muster is not sure about:</source>
            <translation>Catégories et partenaires dont Muster n'est pas sûr :</translation>
        </message>
        <message>
            <source>Checking every row and looking for people already known…</source>
            <translation>Vérification de chaque ligne et recherche des personnes déjà connues…</translation>
        </message>
        <message>
            <source>{valid} participants to import ({known} already known), {skipped} rows skipped, {unsure} possible duplicates to check.</source>
            <translation>{valid} participants à importer ({known} déjà connus), {skipped} lignes ignorées, {unsure} doublons possibles à vérifier.</translation>
        </message>
        <message>
            <source>(leave empty)</source>
            <translation>(laisser vide)</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message>
            <source>Your recovery key</source>
            <translation>Votre clé de récupération</translation>
        </message>
        <message>
            <source>If you forget your passphrase, this recovery key unlocks your data. Print it or write it down now and keep it somewhere safe, away from this computer: Muster shows it only this once. Anyone who has both this key and this computer can read your data.</source>
            <translation>Si vous oubliez votre phrase secrète, cette clé de récupération déverrouille vos données. Imprimez-la ou recopiez-la maintenant et gardez-la en lieu sûr, loin de cet ordinateur : Muster ne l'affiche qu'une fois. Quiconque possède cette clé et cet ordinateur peut lire vos données.</translation>
        </message>
        <message>
            <source>I have &amp;printed or written down my recovery key</source>
            <translation>J'ai &amp;imprimé ou recopié ma clé de récupération</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>Im&amp;primer…</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Copier</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation>&amp;Continuer</translation>
        </message>
        <message>
            <source>Muster recovery key</source>
            <translation>Clé de récupération de Muster</translation>
        </message>
        <message>
            <source>It unlocks the data of Muster if the passphrase is forgotten.</source>
            <translation>Elle déverrouille les données de Muster si la phrase secrète est oubliée.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceDialog</name>
        <message>
            <source>Reference lists</source>
            <translation>Listes de référence</translation>
        </message>
        <message>
            <source>Acronym</source>
            <translation>Sigle</translation>
        </message>
        <message>
            <source>Categories</source>
            <translation>Catégories</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Pays</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Missions</source>
            <translation>Missions</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Name (English)</source>
            <translation>Nom (anglais)</translation>
        </message>
        <message>
            <source>Name (French)</source>
            <translation>Nom (français)</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Ordre</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partenaires</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Lieux</translation>
        </message>
        <message>
            <source>French acronym</source>
            <translation>Sigle français</translation>
        </message>
    </context>
    <context>
        <name>ReferencePage</name>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>&amp;New</source>
            <translation>&amp;Nouveau</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>&amp;Retire</source>
            <translation>&amp;Désactiver</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Supprimer</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>Désactivé</translation>
        </message>
        <message>
            <source>&amp;Bring back</source>
            <translation>&amp;Réactiver</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Delete {name}? Only items nothing uses can be deleted.</source>
            <translation>Supprimer {name} ? Seuls les éléments inutilisés peuvent être supprimés.</translation>
        </message>
        <message numerus="yes">
            <source>In use (%n record(s))</source>
            <translation>
                <numerusform>Utilisé (%n fiche)</numerusform>
                <numerusform>Utilisé (%n fiches)</numerusform>
            </translation>
        </message>
        <message>
            <source>Not used</source>
            <translation>Inutilisé</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a backup</source>
            <translation>Restaurer une sauvegarde</translation>
        </message>
        <message>
            <source>Choose the backup to go back to. Everything entered after it will be replaced; the current data is kept as a backup first.</source>
            <translation>Choisissez la sauvegarde à laquelle revenir. Tout ce qui a été saisi depuis sera remplacé ; les données actuelles sont d’abord sauvegardées.</translation>
        </message>
        <message>
            <source>There are no backups in {folder} yet. Choose a backup file instead.</source>
            <translation>Il n’y a pas encore de sauvegarde dans {folder}. Choisissez plutôt un fichier de sauvegarde.</translation>
        </message>
        <message>
            <source>Made on</source>
            <translation>Faite le</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Taille</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restaurer</translation>
        </message>
        <message>
            <source>Other file…</source>
            <translation>Autre fichier…</translation>
        </message>
        <message>
            <source>Choose a backup file</source>
            <translation>Choisir un fichier de sauvegarde</translation>
        </message>
        <message>
            <source>Muster backups (*.sqlite3);;All files (*)</source>
            <translation>Sauvegardes Muster (*.sqlite3);;Tous les fichiers (*)</translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message>
            <source>Import</source>
            <translation>Importation</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Importation…</translation>
        </message>
        <message>
            <source>Participants imported</source>
            <translation>Participants importés</translation>
        </message>
        <message>
            <source>{total} participants imported into this training: {new} new, {known} already known ({registered} were already registered). {marks} attendance marks recorded. {skipped} rows skipped.</source>
            <translation>{total} participants importés dans cette formation : {new} nouveaux, {known} déjà connus ({registered} étaient déjà inscrits). {marks} présences enregistrées. {skipped} lignes ignorées.</translation>
        </message>
        <message>
            <source>Row {line}: {name}: {reason}</source>
            <translation>Ligne {line} : {name} : {reason}</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(sans nom)</translation>
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation>Rien n'a été importé</translation>
        </message>
        <message>
            <source>Nothing was imported.</source>
            <translation>Rien n'a été importé.</translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message>
            <source>Retention and anonymisation</source>
            <translation>Conservation et anonymisation</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>sans limite</translation>
        </message>
        <message>
            <source> months</source>
            <translation> mois</translation>
        </message>
        <message>
            <source>Save the limit and list</source>
            <translation>Enregistrer la limite et lister</translation>
        </message>
        <message>
            <source>People whose last training ended longer ago than the mission's limit can be anonymised: their name, phone, e-mail and function are removed; sex, category, organisation and attendance stay, so every figure stays the same.</source>
            <translation>Les personnes dont la dernière formation s'est terminée avant la limite de la mission peuvent être anonymisées : leur nom, téléphone, courriel et fonction sont supprimés ; le sexe, la catégorie, l'organisation et les présences restent, donc tous les chiffres restent les mêmes.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Last training</source>
            <translation>Dernière formation</translation>
        </message>
        <message>
            <source>Anonymise them…</source>
            <translation>Les anonymiser…</translation>
        </message>
        <message>
            <source>Mission:</source>
            <translation>Mission :</translation>
        </message>
        <message>
            <source>Keep details for:</source>
            <translation>Conserver les données pendant :</translation>
        </message>
        <message>
            <source>This mission has no retention limit.</source>
            <translation>Cette mission n'a pas de limite de conservation.</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) past the limit.</source>
            <translation>
                <numerusform>%n personne au-delà de la limite.</numerusform>
                <numerusform>%n personnes au-delà de la limite.</numerusform>
            </translation>
        </message>
        <message>
            <source>Anonymise</source>
            <translation>Anonymiser</translation>
        </message>
        <message numerus="yes">
            <source>Remove the names, contacts and functions of %n person(s)? This cannot be undone; the figures stay the same.</source>
            <translation>
                <numerusform>Supprimer le nom, les coordonnées et la fonction de %n personne ? C'est irréversible ; les chiffres restent les mêmes.</numerusform>
                <numerusform>Supprimer les noms, coordonnées et fonctions de %n personnes ? C'est irréversible ; les chiffres restent les mêmes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SavedFileBar</name>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Ouvrir</translation>
        </message>
        <message>
            <source>Show in &amp;folder</source>
            <translation>Afficher dans le &amp;dossier</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Imprimer…</translation>
        </message>
        <message>
            <source>Close this bar</source>
            <translation>Fermer ce bandeau</translation>
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
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Topic</source>
            <translation>Sujet</translation>
        </message>
        <message>
            <source>Town</source>
            <translation>Ville</translation>
        </message>
        <message>
            <source>What the session covers</source>
            <translation>Contenu de la séance</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>End</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Required</source>
            <translation>Obligatoire</translation>
        </message>
        <message>
            <source>Under the rule “every session marked required”, these must be attended.</source>
            <translation>Avec la règle « chaque séance marquée obligatoire », ces séances doivent être suivies.</translation>
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
            <translation>Préférences</translation>
        </message>
        <message>
            <source>Same as this computer ({language})</source>
            <translation>Comme cet ordinateur ({language})</translation>
        </message>
        <message>
            <source>The new interface language applies the next time you start Muster.</source>
            <translation>La nouvelle langue de l’interface s’appliquera au prochain démarrage de Muster.</translation>
        </message>
        <message>
            <source>Summaries, sign-in sheets and exported tables are written in this language; you can still pick another one when you export.</source>
            <translation>Les résumés, feuilles de présence et tableaux exportés sont rédigés dans cette langue ; vous pouvez en choisir une autre au moment de l’export.</translation>
        </message>
        <message>
            <source>&amp;Interface language</source>
            <translation>Langue de l’&amp;interface</translation>
        </message>
        <message>
            <source>&amp;Documents language</source>
            <translation>Langue des &amp;documents</translation>
        </message>
        <message>
            <source>HQ teams: the PostgreSQL database you share (leave empty to use this computer's own file). Muster connects to it the next time it starts.</source>
            <translation>Équipes du siège : la base de données PostgreSQL que vous partagez (laissez vide pour utiliser le fichier de cet ordinateur). Muster s’y connecte au prochain démarrage.</translation>
        </message>
        <message>
            <source>&amp;Shared database</source>
            <translation>Base de données &amp;partagée</translation>
        </message>
        <message>
            <source>Muster uses the new database when you next start it.</source>
            <translation>Muster utilisera la nouvelle base de données au prochain démarrage.</translation>
        </message>
        <message>
            <source>The interface language changes when you next start Muster.</source>
            <translation>La langue de l’interface changera au prochain démarrage de Muster.</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>&amp;Préférences…</translation>
        </message>
    </context>
    <context>
        <name>SheetsDialog</name>
        <message>
            <source>Sign-in sheets</source>
            <translation>Feuilles de présence</translation>
        </message>
        <message>
            <source>All sessions</source>
            <translation>Toutes les séances</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>Séance</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Enregistrer sous</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>The daily backup could not be made: {reason}</source>
            <translation>La sauvegarde quotidienne n’a pas pu être faite : {reason}</translation>
        </message>
        <message>
            <source>Choose a folder for Muster's data</source>
            <translation>Choisir un dossier pour les données de Muster</translation>
        </message>
        <message>
            <source>Choose another folder, or ask for help with the folder's permissions.</source>
            <translation>Choisissez un autre dossier, ou demandez de l’aide pour les droits du dossier.</translation>
        </message>
        <message>
            <source>Muster cannot write to its data folder {folder} ({reason}).</source>
            <translation>Muster ne peut pas écrire dans son dossier de données {folder} ({reason}).</translation>
        </message>
        <message>
            <source>Muster is already open on the data folder {folder}. Switch to its window.</source>
            <translation>Muster est déjà ouvert sur le dossier de données {folder}. Passez à sa fenêtre.</translation>
        </message>
        <message>
            <source>Muster's data folder {folder} is a file, not a folder.</source>
            <translation>Le dossier de données de Muster, {folder}, est un fichier et non un dossier.</translation>
        </message>
        <message>
            <source>Open another folder, or move that file away.</source>
            <translation>Ouvrez un autre dossier, ou déplacez ce fichier ailleurs.</translation>
        </message>
        <message>
            <source>Restore the latest backup, or start again with an empty database.</source>
            <translation>Restaurez la dernière sauvegarde, ou repartez d’une base de données vide.</translation>
        </message>
        <message>
            <source>The database file is missing from {folder}, but backups of it exist.</source>
            <translation>Le fichier de la base de données manque dans {folder}, mais des sauvegardes existent.</translation>
        </message>
        <message>
            <source>The disk is full. Free some space, then open Muster again; nothing was lost.</source>
            <translation>Le disque est plein. Libérez de la place puis rouvrez Muster ; rien n’a été perdu.</translation>
        </message>
        <message>
            <source>You can restore a backup, or open another data folder.</source>
            <translation>Vous pouvez restaurer une sauvegarde, ou ouvrir un autre dossier de données.</translation>
        </message>
    </context>
    <context>
        <name>StartupProblemDialog</name>
        <message>
            <source>Restore a backup…</source>
            <translation>Restaurer une sauvegarde…</translation>
        </message>
        <message>
            <source>Start with an empty database</source>
            <translation>Partir d’une base vide</translation>
        </message>
        <message>
            <source>Open another folder…</source>
            <translation>Ouvrir un autre dossier…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
    </context>
    <context>
        <name>SummaryDialog</name>
        <message>
            <source>Summary PDF</source>
            <translation>Résumé PDF</translation>
        </message>
        <message>
            <source>Include the participants' names</source>
            <translation>Inclure les noms des participants</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Enregistrer sous</translation>
        </message>
        <message>
            <source>The summary is signed with your key. Without names, it shows figures only; use that version when the list of participants is sensitive.</source>
            <translation>Le résumé est signé avec votre clé. Sans les noms, il ne montre que des chiffres ; utilisez cette version quand la liste des participants est sensible.</translation>
        </message>
        <message>
            <source>Sign and save</source>
            <translation>Signer et enregistrer</translation>
        </message>
    </context>
    <context>
        <name>SummaryPanel</name>
        <message>
            <source>{value}%</source>
            <translation>{value} %</translation>
        </message>
        <message>
            <source>participants</source>
            <translation>participants</translation>
        </message>
        <message>
            <source>women</source>
            <translation>femmes</translation>
        </message>
        <message>
            <source>sessions</source>
            <translation>séances</translation>
        </message>
        <message>
            <source>attendance rate</source>
            <translation>taux de présence</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Women</source>
            <translation>Femmes</translation>
        </message>
        <message>
            <source>Men</source>
            <translation>Hommes</translation>
        </message>
        <message>
            <source>Not stated</source>
            <translation>Non précisé</translation>
        </message>
        <message>
            <source>(no category)</source>
            <translation>(sans catégorie)</translation>
        </message>
        <message>
            <source>(no partner)</source>
            <translation>(sans partenaire)</translation>
        </message>
        <message>
            <source>Participants by category and sex</source>
            <translation>Participants par catégorie et par sexe</translation>
        </message>
        <message>
            <source>Attendance per session</source>
            <translation>Présence par séance</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Présent</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>Absent</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>Excusé</translation>
        </message>
        <message numerus="yes">
            <source>%n other categories</source>
            <translation>
                <numerusform>%n autre catégorie</numerusform>
                <numerusform>%n autres catégories</numerusform>
            </translation>
        </message>
        <message>
            <source>completed</source>
            <translation>ont achevé la formation</translation>
        </message>
    </context>
    <context>
        <name>TrainingEditor</name>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Save the details (Ctrl+S)</source>
            <translation>Enregistrer les détails (Ctrl+S)</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Détails</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>Présences</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Résumé</translation>
        </message>
        <message>
            <source>Per-diem</source>
            <translation>Per diem</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>Pièces</translation>
        </message>
        <message>
            <source>New training</source>
            <translation>Nouvelle formation</translation>
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
            <translation>Pas encore enregistrée : remplissez les détails, puis enregistrez.</translation>
        </message>
        <message>
            <source>Save the training first to add participants.</source>
            <translation>Enregistrez d’abord la formation pour ajouter des participants.</translation>
        </message>
        <message>
            <source>Saved “{title}”.</source>
            <translation>« {title} » enregistrée.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <source>Evaluation</source>
            <translation>Évaluation</translation>
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
            <translation>Titre</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>End</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Lieux</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Séances</translation>
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
            <translation>Rechercher titre, lieu, partenaire ou participant</translation>
        </message>
        <message>
            <source>All missions</source>
            <translation>Toutes les missions</translation>
        </message>
        <message>
            <source>Any status</source>
            <translation>Tous les statuts</translation>
        </message>
        <message>
            <source>any date</source>
            <translation>toute date</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Effacer les filtres</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Du</translation>
        </message>
        <message>
            <source>to</source>
            <translation>au</translation>
        </message>
        <message>
            <source>&amp;New training (Ctrl+N)</source>
            <translation>&amp;Nouvelle formation (Ctrl+N)</translation>
        </message>
        <message>
            <source>Load the &amp;demo data</source>
            <translation>Charger les données de &amp;démonstration</translation>
        </message>
        <message>
            <source>No training matches these filters.</source>
            <translation>Aucune formation ne correspond à ces filtres.</translation>
        </message>
        <message>
            <source>No trainings yet. Press Ctrl+N to record your first one, or load the demo data to try Muster out: a field installation loads its own mission's example training, HQ loads all three.</source>
            <translation>Aucune formation pour l’instant. Appuyez sur Ctrl+N pour enregistrer la première, ou chargez les données de démonstration pour essayer Muster : une installation de terrain charge la formation d’exemple de sa propre mission, le siège charge les trois.</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>Muster is locked</source>
            <translation>Muster est verrouillé</translation>
        </message>
        <message>
            <source>&amp;Passphrase</source>
            <translation>&amp;Phrase secrète</translation>
        </message>
        <message>
            <source>P&amp;assphrase again</source>
            <translation>Phrase secrète, &amp;encore</translation>
        </message>
        <message>
            <source>&amp;Recovery key</source>
            <translation>Clé de &amp;récupération</translation>
        </message>
        <message>
            <source>I forgot my passphrase: use the &amp;recovery key</source>
            <translation>J'ai oublié ma phrase secrète : utiliser la clé de &amp;récupération</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>&amp;Déverrouiller</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation>&amp;Continuer</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>Welcome to Muster. Choose a passphrase: it encrypts everything Muster keeps on this computer and protects the key that signs your summaries. Use a few words that have nothing to do with each other; Muster refuses passphrases that are easy to guess.</source>
            <translation>Bienvenue dans Muster. Choisissez une phrase secrète : elle chiffre tout ce que Muster garde sur cet ordinateur et protège la clé qui signe vos synthèses. Prenez quelques mots sans rapport entre eux ; Muster refuse les phrases secrètes faciles à deviner.</translation>
        </message>
        <message>
            <source>This version of Muster encrypts your data. Enter the passphrase of your signing key: from now on it unlocks your data too. Muster makes a backup, then encrypts the data folder; this takes a moment.</source>
            <translation>Cette version de Muster chiffre vos données. Saisissez la phrase secrète de votre clé de signature : désormais, elle déverrouille aussi vos données. Muster fait une sauvegarde, puis chiffre le dossier de données ; cela prend un moment.</translation>
        </message>
        <message>
            <source>Your data is encrypted. Enter your passphrase to open it. The folder: {folder}</source>
            <translation>Vos données sont chiffrées. Saisissez votre phrase secrète pour les ouvrir. Le dossier : {folder}</translation>
        </message>
        <message>
            <source>The two passphrases are not the same.</source>
            <translation>Les deux phrases secrètes ne sont pas identiques.</translation>
        </message>
    </context>
    <context>
        <name>VerifyWindow</name>
        <message>
            <source>Verify a document</source>
            <translation>Vérifier un document</translation>
        </message>
        <message>
            <source>Choose a signed PDF, or drop it here.</source>
            <translation>Choisissez un PDF signé, ou déposez-le ici.</translation>
        </message>
        <message>
            <source>Choose a PDF…</source>
            <translation>Choisir un PDF…</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Documents PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Vérification…</translation>
        </message>
        <message>
            <source>Cannot check this file: </source>
            <translation>Impossible de vérifier ce fichier : </translation>
        </message>
        <message>
            <source>Valid: signed by {who} and unchanged since.</source>
            <translation>Valide : signé par {who} et inchangé depuis.</translation>
        </message>
        <message>
            <source>Not valid: </source>
            <translation>Non valide : </translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Signé par</translation>
        </message>
        <message>
            <source>Certificate</source>
            <translation>Certificat</translation>
        </message>
        <message>
            <source>Signed on</source>
            <translation>Signé le</translation>
        </message>
        <message>
            <source>{when} (the signer's own clock, not checked)</source>
            <translation>{when} (horloge du signataire, non vérifiée)</translation>
        </message>
        <message>
            <source>Certified</source>
            <translation>Certifié</translation>
        </message>
        <message>
            <source>yes: only time-stamps may be added</source>
            <translation>oui : seuls des horodatages peuvent être ajoutés</translation>
        </message>
        <message>
            <source>Intact</source>
            <translation>Intact</translation>
        </message>
        <message>
            <source>Whole file signed</source>
            <translation>Fichier entier signé</translation>
        </message>
        <message>
            <source>Trusted</source>
            <translation>De confiance</translation>
        </message>
        <message>
            <source>Time-stamped</source>
            <translation>Horodaté</translation>
        </message>
        <message>
            <source>Also</source>
            <translation>Aussi</translation>
        </message>
        <message>
            <source>Document id</source>
            <translation>Identifiant du document</translation>
        </message>
        <message>
            <source>at an unknown time</source>
            <translation>à une heure inconnue</translation>
        </message>
        <message>
            <source>{when} by {authority}: {intact}, {trusted}</source>
            <translation>{when} par {authority} : {intact}, {trusted}</translation>
        </message>
        <message>
            <source>intact</source>
            <translation>intact</translation>
        </message>
        <message>
            <source>NOT intact</source>
            <translation>NON intact</translation>
        </message>
        <message>
            <source>trusted</source>
            <translation>de confiance</translation>
        </message>
        <message>
            <source>not trusted</source>
            <translation>pas de confiance</translation>
        </message>
        <message>
            <source>Or paste a certificate's QR code text here</source>
            <translation>Ou collez ici le texte du code QR d’un certificat</translation>
        </message>
        <message>
            <source>Check the code</source>
            <translation>Vérifier le code</translation>
        </message>
        <message>
            <source>Certificate code</source>
            <translation>Code de certificat</translation>
        </message>
        <message>
            <source>Valid certificate for {name}, issued by {who}.</source>
            <translation>Certificat valide pour {name}, délivré par {who}.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Formation</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>Dates</translation>
        </message>
        <message>
            <source>Hours attended</source>
            <translation>Heures suivies</translation>
        </message>
        <message>
            <source>not recorded</source>
            <translation>non enregistrées</translation>
        </message>
        <message>
            <source>Issued on</source>
            <translation>Délivré le</translation>
        </message>
        <message>
            <source>Issuer fingerprint</source>
            <translation>Empreinte de l’émetteur</translation>
        </message>
        <message>
            <source>Issued by</source>
            <translation>Délivré par</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to Muster</source>
            <translation>Bienvenue dans Muster</translation>
        </message>
        <message>
            <source>Muster keeps the trainings you organise, their participants and attendance, on this computer. Tell it who you are: your name goes on the summaries you sign and the data you send to headquarters.</source>
            <translation>Muster conserve sur cet ordinateur les formations que vous organisez, leurs participants et les présences. Dites-lui qui vous êtes : votre nom figure sur les résumés que vous signez et les données que vous envoyez au siège.</translation>
        </message>
        <message>
            <source>For example: Rule of Law Officer</source>
            <translation>Par exemple : Spécialiste de l’état de droit</translation>
        </message>
        <message>
            <source>In a &amp;mission (field)</source>
            <translation>En &amp;mission (terrain)</translation>
        </message>
        <message>
            <source>At &amp;headquarters (HQ)</source>
            <translation>Au &amp;siège</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>facultatif</translation>
        </message>
        <message>
            <source>Your &amp;name</source>
            <translation>Votre &amp;nom</translation>
        </message>
        <message>
            <source>Your &amp;title</source>
            <translation>Votre &amp;fonction</translation>
        </message>
        <message>
            <source>You work</source>
            <translation>Vous travaillez</translation>
        </message>
        <message>
            <source>M&amp;ission</source>
            <translation>M&amp;ission</translation>
        </message>
        <message>
            <source>&amp;E-mail</source>
            <translation>Courri&amp;el</translation>
        </message>
        <message>
            <source>&amp;Passphrase</source>
            <translation>&amp;Phrase secrète</translation>
        </message>
        <message>
            <source>P&amp;assphrase again</source>
            <translation>Confirmer la p&amp;hrase secrète</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Commencer</translation>
        </message>
        <message>
            <source>Optional at headquarters.</source>
            <translation>Facultatif au siège.</translation>
        </message>
        <message>
            <source>The mission you work for.</source>
            <translation>La mission pour laquelle vous travaillez.</translation>
        </message>
        <message>
            <source>Please enter your name.</source>
            <translation>Veuillez saisir votre nom.</translation>
        </message>
        <message>
            <source>Please choose a passphrase of at least {n} characters.</source>
            <translation>Choisissez une phrase secrète d’au moins {n} caractères.</translation>
        </message>
        <message>
            <source>The two passphrases are not the same.</source>
            <translation>Les deux phrases secrètes ne sont pas identiques.</translation>
        </message>
        <message>
            <source>That does not look like an e-mail address.</source>
            <translation>Cela ne ressemble pas à une adresse électronique.</translation>
        </message>
        <message>
            <source>Setting up… loading the demo data takes a few seconds.</source>
            <translation>Préparation… le chargement des données de démonstration prend quelques secondes.</translation>
        </message>
        <message>
            <source>Load the &amp;demo data: a field installation loads its own mission's example training, HQ all three</source>
            <translation>Charger les données de &amp;démonstration : une installation de terrain charge la formation d’exemple de sa propre mission, le siège les trois</translation>
        </message>
        <message>
            <source>Use the passphrase that unlocks Muster: it also protects your signing key. Use at least {n} characters, for example four words.</source>
            <translation>Utilisez la phrase secrète qui déverrouille Muster : elle protège aussi votre clé de signature. Au moins {n} caractères, par exemple quatre mots.</translation>
        </message>
    </context>
    <context>
        <name>_FileRow</name>
        <message>
            <source>Browse…</source>
            <translation>Parcourir…</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Enregistrer sous</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Documents PDF (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>new_window</name>
        <message>
            <source>Backup restored: {file}</source>
            <translation>Sauvegarde restaurée : {file}</translation>
        </message>
    </context>
    <context>
        <name>widget</name>
        <message>
            <source>Made by hand</source>
            <translation>Faite à la main</translation>
        </message>
        <message>
            <source>Data replaced by a restore</source>
            <translation>Données remplacées par une restauration</translation>
        </message>
        <message>
            <source>Daily</source>
            <translation>Quotidienne</translation>
        </message>
        <message>
            <source>Before an import</source>
            <translation>Avant une importation</translation>
        </message>
        <message>
            <source>Before merging people</source>
            <translation>Avant une fusion de personnes</translation>
        </message>
        <message>
            <source>Before an upgrade of Muster</source>
            <translation>Avant une mise à jour de Muster</translation>
        </message>
        <message>
            <source>Replace the current data with the backup of {when}? It holds {trainings} trainings and {people} people. The current data is kept as a backup first.</source>
            <translation>Remplacer les données actuelles par la sauvegarde du {when} ? Elle contient {trainings} formations et {people} personnes. Les données actuelles sont d’abord sauvegardées.</translation>
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>Back up now…</source>
            <translation>Sauvegarder maintenant…</translation>
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation>Restaurer une sauvegarde…</translation>
        </message>
        <message>
            <source>Back up the database</source>
            <translation>Sauvegarder la base de données</translation>
        </message>
        <message>
            <source>Muster backups (*.sqlite3)</source>
            <translation>Sauvegardes Muster (*.sqlite3)</translation>
        </message>
        <message>
            <source>Backup saved: {file}</source>
            <translation>Sauvegarde enregistrée : {file}</translation>
        </message>
        <message>
            <source>Restore a backup</source>
            <translation>Restaurer une sauvegarde</translation>
        </message>
        <message>
            <source>Change &amp;passphrase…</source>
            <translation>Changer la &amp;phrase secrète…</translation>
        </message>
        <message>
            <source>New &amp;recovery key…</source>
            <translation>Nouvelle clé de &amp;récupération…</translation>
        </message>
        <message>
            <source>The passphrase is changed.</source>
            <translation>La phrase secrète est changée.</translation>
        </message>
        <message>
            <source>New recovery key</source>
            <translation>Nouvelle clé de récupération</translation>
        </message>
        <message>
            <source>Make a new recovery key? The one you have now will stop working.</source>
            <translation>Créer une nouvelle clé de récupération ? Celle que vous avez cessera de fonctionner.</translation>
        </message>
        <message>
            <source>Retention and anonymisation…</source>
            <translation>Conservation et anonymisation…</translation>
        </message>
    </context>
</TS>
