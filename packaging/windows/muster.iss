; Muster's per-user Windows installer (Inno Setup 6). Built by packaging/build.py --installer
; on Windows, from the folder PyInstaller made with packaging/muster.spec (the same spec as
; the Linux package); .github/workflows/windows.yml builds and tries it on a Windows runner.
;
;   ISCC /DAppVersion=0.1.0 /DSourceDir=...\muster /DIconFile=...\muster.ico /DOutputDir=... muster.iss
;
; * Per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\Muster.
; * A Start-menu entry (muster-gui.exe, no console window); muster.exe is the command line.
; * Upgrades: the same AppId, so a newer installer replaces the program in place (closing
;   a running Muster first). The data folder, %APPDATA%\Muster, is not the program's: the
;   installer never writes there, and the new version backs the database up and upgrades
;   it at its first start.
; * The uninstaller removes only what it installed: the data folder stays, and it says so.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (packaging/build.py does)
#endif
#ifndef SourceDir
  #error Pass /DSourceDir=<the PyInstaller folder> (packaging/build.py does)
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{D1F37E29-90D2-4786-B3CA-4121E0D566E4}
AppName=Muster
AppVersion={#AppVersion}
AppVerName=Muster {#AppVersion}
AppPublisher=Muster
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Muster
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes
RestartApplications=no
OutputDir={#OutputDir}
OutputBaseFilename=Muster-{#AppVersion}-windows-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\muster-gui.exe
UninstallDisplayName=Muster
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.DataKept=Muster is removed. Your data folder was kept:%n%1%n%nDelete it yourself only if you no longer need its trainings, keys and backups.
fr.DataKept=Muster est désinstallé. Votre dossier de données est conservé :%n%1%n%nSupprimez-le vous-même seulement si vous n'avez plus besoin de ses formations, clés et sauvegardes.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the old program's libraries (never the data folder, which is elsewhere).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Muster"; Filename: "{app}\muster-gui.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Muster"; Filename: "{app}\muster-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\muster-gui.exe"; Description: "{cm:LaunchProgram,Muster}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes the files it installed, nothing else.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataFolder: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataFolder := ExpandConstant('{userappdata}\Muster');
    if DirExists(DataFolder) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataFolder]), mbInformation, MB_OK);
  end;
end;
